"""Inside the child: a two-product card through the real pipeline, and where its time went."""

from __future__ import annotations

import json
import time

from .config import CARD_PAIR, SCREENS, Config
from .llama_stages import llama_backend


def stage_card(cfg: Config, out: dict) -> dict:
    """A two-product card through the real pipeline at each card budget (default: the default tile budget),
    and where its time went. `card` is the first budget's, `cards` all of them."""
    from assistant.backends import BackendOptions

    cards = []
    for budget in cfg.card_budgets or [BackendOptions().tile_budget]:
        cards.append(_card(cfg, out, budget))
        print(json.dumps({**out, "card": cards[0], "cards": cards}), flush=True)
    return {"card": cards[0], "cards": cards}


def _card(cfg: Config, out: dict, budget: int) -> dict:
    from assistant import pipeline
    from assistant.backends import BackendOptions, choose

    pipeline._SCREENS.clear()  # each budget pays for its own OCR, as a fresh process would
    if cfg.backend == "llamacpp":
        backend, _ = llama_backend(cfg, budget)
    else:
        backend = choose(cfg.backend, BackendOptions(model=cfg.path or None, tile_budget=budget))
    shots = [SCREENS / name for name in CARD_PAIR]
    t0 = time.perf_counter()
    pipeline.read_screens(shots)
    ocr_s = time.perf_counter() - t0
    comparison, _ = pipeline.compare([[s] for s in shots], backend)
    total = time.perf_counter() - t0
    card = {"tile_budget": budget, "total_s": round(total, 1), "ocr_s": round(ocr_s, 2), "title": comparison.title}
    stats = getattr(backend, "stats", None)
    if stats is not None:
        card |= _card_breakdown(stats, out, total - ocr_s)
    if cfg.backend == "llamacpp":
        card["page_chars_per_token"] = _chars_per_token(backend.engine.llama, pipeline.read_screens(shots[:1])[0])
    return card


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
    return found
