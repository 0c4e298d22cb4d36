"""Inside the child: a two-product card through the real pipeline, and where its time went."""

from __future__ import annotations

import json
import time

from .config import CARD_PAIR, SCREENS, Config
from .llama_stages import llama_backend


def stage_card(cfg: Config, out: dict) -> dict:
    """A two-product card through the real pipeline at each card budget (default: the default tile budget),
    then on the llama.cpp text path where asked, and where its time went. `card` is the first, `cards` all."""
    from assistant.backends import BackendOptions

    cards = []
    for budget in [*(cfg.card_budgets or [BackendOptions().tile_budget]), *(["text"] if cfg.text_card else [])]:
        cards.append(_card(cfg, out, budget))
        print(json.dumps({**out, "card": cards[0], "cards": cards}), flush=True)
    return {"card": cards[0], "cards": cards}


def _card(cfg: Config, out: dict, budget: int | str) -> dict:
    """One card; budget "text": the pair's text model alone (the text path: OCR lines in, no image). On llama.cpp
    each call decodes a right answer's tokens (`answers.py`): random weights would decode to the caps."""
    from assistant import pipeline
    from assistant.backends import BackendOptions, choose
    from assistant.screencache import ScreenCache

    from .answers import NOTE, fixed_decode

    reads = ScreenCache()  # each budget pays for its own OCR, as a fresh process would
    fixed = None
    if cfg.backend == "llamacpp":
        backend = text_backend(cfg) if budget == "text" else llama_backend(cfg, budget)[0]
        fixed = fixed_decode(backend, backend.engine.llama)
    else:
        backend = choose(cfg.backend, BackendOptions(model=cfg.path or None, tile_budget=budget))
    shots = [SCREENS / name for name in CARD_PAIR]
    t0 = time.perf_counter()
    pipeline.read_screens(shots, cache=reads)
    ocr_s = time.perf_counter() - t0
    comparison, _ = pipeline.compare([[s] for s in shots], backend, cache=reads)
    total = time.perf_counter() - t0
    card = {"tile_budget": budget, "total_s": round(total, 1), "ocr_s": round(ocr_s, 2), "title": comparison.title}
    stats = getattr(backend, "stats", None)
    if stats is not None:
        card |= _card_breakdown(stats, out, total - ocr_s)
    if fixed is not None:
        card |= {"decode_fixed": NOTE, "fixed_tokens_per_call": [[c["kind"], c["fixed_tokens"]] for c in fixed.calls]}
        card["page_chars_per_token"] = _chars_per_token(backend.engine.llama, pipeline.read_screens(shots[:1], cache=reads)[0])
    return card


def text_backend(cfg: Config):
    """The llama.cpp backend on the pair's text model alone (`--model FILE.gguf`), fresh: nothing cached."""
    from assistant.backends.base import BackendOptions
    from assistant.backends.llamacpp import LlamaCppBackend, cached_text_engine
    from weights.catalog import resolve_gguf

    cached_text_engine.cache_clear()
    return LlamaCppBackend(BackendOptions(model=str(resolve_gguf(cfg.path).model)))


def _chars_per_token(llama, screen) -> float:
    """How well the model's tokenizer packs page text (synthetic models: a learned stand-in vocabulary)."""
    from assistant.backends.vlm import page_text

    text = page_text([screen])
    return round(len(text) / max(1, len(llama.tokenize(text.encode(), add_bos=False))), 2)


def _card_breakdown(stats, out: dict, model_s: float) -> dict:
    """Model calls, tokens, and the model's time split into encode / prefill / decode (the last two
    estimated from the measured rates)."""
    extra = stats.extra
    per_tile = out.get("tokens_per_tile") or 81
    image_tokens = int(extra.get("tiles_encoded", 0) + extra.get("tiles_from_cache", 0)) * per_tile
    evaluated = int(extra.get("prompt_tokens_evaluated", stats.prompt_tokens))
    text_tokens = max(0, evaluated - image_tokens)
    found = {"calls": stats.calls, "failures": stats.failures, "tiles_encoded": int(extra.get("tiles_encoded", 0)),
             "prompt_tokens_evaluated": evaluated, "text_tokens_evaluated": text_tokens, "image_tokens_evaluated": image_tokens,
             "prompt_tokens_reused": int(extra.get("prompt_tokens_reused", 0)), "decoded_tokens": stats.completion_tokens,
             "model_s": round(model_s, 1), "encode_s": round(extra.get("encode_seconds", 0.0), 1)}
    if out.get("prefill_tok_s") and out.get("decode_tok_s"):
        found["prefill_s_est"] = round(evaluated / out["prefill_tok_s"], 1)
        found["decode_s_est"] = round(stats.completion_tokens / out["decode_tok_s"], 1)
        found["other_s_est"] = round(model_s - found["encode_s"] - found["prefill_s_est"] - found["decode_s_est"], 1)
    if "decode_seconds" in extra:
        found["budget"] = budget_table(found, extra, out, model_s)
    return found


def budget_table(found: dict, extra: dict, out: dict, model_s: float) -> list[dict]:
    """The card's time by stage, measured (llama.cpp engine timers), beside its roofline: encode at the tile rate
    of the `tiles` stage, prefill at the bare prefill rate of `load` (the FLOP rate measured here), decode at the
    memory-bandwidth ceiling. `other` is what no stage holds: rules, judging, parsing, Python between calls.
    Decode beyond its roofline includes grammar-constrained sampling, which the bare rate does not pay."""
    encode = extra.get("encode_seconds", 0.0)
    measured = {"encode": encode, "prefill": extra.get("prefill_seconds", 0.0) - encode,
                "decode": extra.get("decode_seconds", 0.0)}
    measured["other"] = model_s - sum(measured.values())
    per_tile = next((t["encode_s_per_tile"] for t in out.get("tiles", []) if t.get("tiles")), None)
    ceiling_tok_s = _decode_ceiling(out)
    roof = {
        "encode": found["tiles_encoded"] * per_tile if per_tile else None,
        "prefill": found["prompt_tokens_evaluated"] / out["prefill_tok_s"] if out.get("prefill_tok_s") else None,
        "decode": found["decoded_tokens"] / ceiling_tok_s if ceiling_tok_s else None,
        "other": 0.0,
    }
    return [{"stage": k, "measured_s": round(v, 2), "roofline_s": None if roof[k] is None else round(roof[k], 2),
             "measured_over_roofline": round(v / roof[k], 2) if roof[k] else None} for k, v in measured.items()]


def _decode_ceiling(out: dict) -> float | None:
    """Decode tokens/s at the median read bandwidth measured beside decode in the `load` stage."""
    import statistics

    pairs = out.get("decode_beside_bandwidth") or []
    if not pairs:
        return None
    return statistics.median(p["decode_tok_s"] / p["share"] for p in pairs if p.get("share"))
