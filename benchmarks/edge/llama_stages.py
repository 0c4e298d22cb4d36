"""Inside the child, the llama.cpp engine on its own: load, prefill and decode beside bandwidth, tile budgets."""

from __future__ import annotations

import json
import time
from pathlib import Path

from .config import CARD_PAIR, SCREENS, SHORT_PROMPT, Config
from .machine import ceiling, weights_read_per_token


def llama_backend(cfg: Config, budget: int):
    import gc

    from assistant.backends.base import BackendOptions
    from assistant.backends.llamacpp import LlamaCppBackend, cached_engine

    cached_engine.cache_clear()  # a fresh engine: no cached image embeddings, no KV prefix
    gc.collect()  # the previous engine's model and context are freed now, not beside the next one
    backend = LlamaCppBackend(BackendOptions(model=cfg.path, tile_budget=budget))
    return backend, backend.engine


def card_screen(name: str = CARD_PAIR[0]):
    from assistant.images import load_image
    from assistant.ocr import read

    return read(load_image(SCREENS / name))


def stage_load(cfg: Config, out: dict) -> dict:
    """Load time (model + projector), then text prefill and decode tokens/s on the bare context."""
    t0 = time.perf_counter()
    _, engine = llama_backend(cfg, cfg.tiles[0])
    found = {"load_s": round(engine.load_seconds, 2), "load_total_s": round(time.perf_counter() - t0, 2),
             "threads": engine.llama.n_threads, "tokens_per_tile": _tokens_per_tile(engine),
             "kernels": kernels_used(engine.llama)}
    return (found | _prefill_decode(engine.llama, 256, cfg.decode_tokens) | _decode_by_threads(engine.llama, cfg.decode_tokens)
            | _decode_beside_bandwidth(engine.llama, cfg.decode_tokens, cfg.repeat))


def _decode_beside_bandwidth(llama, n_decode: int, rounds: int) -> dict:
    """Decode from an empty context (as llama-bench's tg) alternating with a read-bandwidth measurement, so each
    decode figure has a ceiling measured the same minute; the share is the median over the rounds."""
    import statistics

    from benchmarks.bandwidth import ReadProbe

    per_token = weights_read_per_token(Path(llama.model_path))
    with ReadProbe(512) as probe:
        pairs = [_paired(llama, probe, n_decode, per_token) for _ in range(max(1, rounds))]
    return {"decode_beside_bandwidth": pairs, "decode_share_paired": statistics.median(p["share"] for p in pairs)}


def _decode_by_threads(llama, n_decode: int) -> dict:
    """Decode tokens/s with 1..n threads, each beside the read bandwidth of as many threads. Decode that is
    bound by memory takes most of that bandwidth at every thread count; decode that reaches the same lower
    share at each count is held back by each core's arithmetic, not by the memory bus."""
    import llama_cpp

    from benchmarks.bandwidth import ReadProbe

    threads, per_token, found = llama.n_threads, weights_read_per_token(Path(llama.model_path)), {}
    for n in sorted({1, threads}):
        llama_cpp.llama_set_n_threads(llama._ctx.ctx, n, n)
        with ReadProbe(512, n) as probe:
            found[str(n)] = _paired(llama, probe, n_decode, per_token)
    llama_cpp.llama_set_n_threads(llama._ctx.ctx, threads, llama.n_threads_batch)
    return {"decode_by_threads": found}


def _paired(llama, probe, n_decode: int, per_token: int) -> dict:
    """Read bandwidth now, then decode from an empty context: the decode's share of the ceiling of that minute."""
    read = probe.gbs(2)
    rate = _prefill_decode(llama, 0, n_decode)["decode_tok_s"]
    return {"read_gbs": read, "decode_tok_s": rate, "share": round(rate / ceiling(read, per_token), 4)}


def _tokens_per_tile(engine) -> int:
    from weights.catalog import resolve_gguf
    from weights.gguf_header import read_header

    fields = read_header(resolve_gguf(str(Path(engine.llama.model_path).parent)).mmproj).fields
    side = int(fields["clip.vision.image_size"]) // int(fields["clip.vision.patch_size"])
    return (side // int(fields["clip.vision.projector.scale_factor"])) ** 2


def _prefill_decode(llama, n_prompt: int, n_decode: int) -> dict:
    """Prefill `n_prompt` tokens in one eval, then `n_decode` single-token evals (greedy decode's cost)."""
    text = (llama.tokenize(b"The quick brown fox jumps over the lazy dog. ", add_bos=False) * 2000)
    tokens, follow = text[:n_prompt], text[n_prompt : n_prompt + n_decode]
    llama.reset()
    llama._ctx.kv_cache_clear()
    t0 = time.perf_counter()
    if tokens:
        llama.eval(tokens)
    prefill = time.perf_counter() - t0
    t0 = time.perf_counter()
    for token in follow:
        llama.eval([token])
    decode = time.perf_counter() - t0
    llama.reset()
    llama._ctx.kv_cache_clear()
    return {"prefill_tok_s": round(n_prompt / prefill, 2) if tokens else None, "decode_tok_s": round(n_decode / decode, 3),
            "prefill_tokens": n_prompt, "decode_tokens": n_decode}


def stage_tiles(cfg: Config, out: dict) -> dict:
    """Per tile budget: tiles, image tokens, encode s per tile, and time to first token of one screenshot
    plus a short question (fresh engine each: nothing cached)."""
    from assistant.backends.vlm import JUDGE_SCHEMA, VLMStats

    screen, sweep = card_screen(), []
    per_tile = out.get("tokens_per_tile") or 81
    for budget in cfg.tiles:
        _, engine = llama_backend(cfg, budget)
        stats = VLMStats()
        sent = engine.prepare(screen)
        t0 = time.perf_counter()
        done = engine.complete(SHORT_PROMPT, [sent], JUDGE_SCHEMA, 1, 0.0, 0, stats)
        ttft = time.perf_counter() - t0
        tiles = int(stats.extra.get("tiles_encoded", 0))
        encode = stats.extra.get("encode_seconds", 0.0)
        sweep.append({"budget": budget, "tiles": tiles, "image_tokens": tiles * per_tile, "sent_px": list(sent.size),
                      "prompt_tokens": done.prompt_tokens, "encode_s": round(encode, 2),
                      "encode_s_per_tile": round(encode / max(1, tiles), 3), "ttft_s": round(ttft, 2)})
        print(json.dumps({**out, "tiles": sweep}), flush=True)
    return {"tiles": sweep, "kernels": kernels_used(engine.llama)}


def kernels_used(llama) -> dict:
    """The build's kernels and where this load put the weights (AMX, CPU_REPACK, CPU_Mapped buffers)."""
    from assistant.backends.llamacpp.kernels import current

    loaded = getattr(llama, "shipcard_loaded", None)
    return {**current().as_dict(), "weight_buffers": loaded.buffers if loaded else {}}
