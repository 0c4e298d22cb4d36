"""Inside the child: run a configuration's stages, printing the figures so far after each."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from .card import stage_card
from .config import CARD_PAIR, SCREENS, SHORT_PROMPT, STAGES, Config
from .llama_stages import stage_load, stage_tiles
from .peers import stage_peers


def measure(cfg: Config) -> dict:
    """The figures of one configuration, in this process. After each stage the figures so far are printed
    as one JSON line, so a run stopped by its time limit still reports what it finished."""
    out: dict = {}
    for name in cfg.stages or STAGES[cfg.backend]:
        out.update(RUNNERS[name](cfg, out))
        out.setdefault("rss_by_stage", {})[name] = rss_now()
        print(json.dumps(out), flush=True)
    return out


def rss_now() -> dict:
    """This process's resident memory now and its peak so far, MiB (the peak includes every earlier stage)."""
    import resource

    import psutil

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (2**20 if sys.platform == "darwin" else 2**10)
    return {"now_mib": round(psutil.Process().memory_info().rss / 2**20), "peak_mib": round(peak)}


def stage_ocr(cfg: Config, out: dict) -> dict:
    """The OCR stage on the two card screenshots: shipcard's tuned RapidOCR against its peers."""
    from benchmarks import ocr_bench

    readers = {"shipcard (tuned RapidOCR)": ocr_bench.tuned_reader(), "RapidOCR defaults": ocr_bench.default_reader()}
    if cfg.peers and (tess := ocr_bench.tesseract_reader()):
        readers["Tesseract"] = tess
    found = {}
    for name, read in readers.items():
        read(SCREENS / CARD_PAIR[0])  # warm: the engine is built once per process, as in use
        t0 = time.perf_counter()
        read(SCREENS / CARD_PAIR[1])
        found[name] = round(time.perf_counter() - t0, 3)
    return {"ocr_s_per_screenshot": found}


def stage_accuracy(cfg: Config, out: dict) -> dict:
    """Field accuracy over the labeled screenshots (meaningful with real weights or the OCR rules)."""
    from benchmarks.quality import Variant, compare

    model = cfg.path or "none"
    result = compare([Variant(cfg.quant, cfg.backend, model)], tile_budget=cfg.tiles[0])[0]
    return {"accuracy": {"ratio": round(result.score.ratio, 4), "right": result.score.right, "total": result.score.total,
                         "s_per_screenshot": round(result.seconds / max(1, result.screens), 2)}}


def stage_mlx(cfg: Config, out: dict) -> dict:
    """mlx-vlm directly: load, then one tile-budget-1 screenshot + a short prompt, a few tokens decoded."""
    from mlx_vlm import apply_chat_template, generate, load
    from PIL import Image

    t0 = time.perf_counter()
    model, processor = load(cfg.path)
    found = {"load_s": round(time.perf_counter() - t0, 2)}
    print(json.dumps(found), flush=True)
    ip = processor.image_processor
    ip.size = {"longest_edge": ip.max_image_size["longest_edge"]}  # one tile + nothing else
    image = Image.open(SCREENS / CARD_PAIR[0]).convert("RGB")
    chat = apply_chat_template(processor, model.config, SHORT_PROMPT, num_images=1)
    t0 = time.perf_counter()
    r = generate(model, processor, chat, image=[image], max_tokens=cfg.decode_tokens, temperature=0.0, eos_tokens=[])
    return found | {"prefill_tok_s": round(r.prompt_tps, 3), "prefill_tokens": r.prompt_tokens,
                    "decode_tok_s": round(r.generation_tps, 4), "decode_tokens": r.generation_tokens,
                    "generate_s": round(time.perf_counter() - t0, 1)}


RUNNERS = {"load": stage_load, "tiles": stage_tiles, "card": stage_card, "peers": stage_peers, "ocr": stage_ocr,
           "accuracy": stage_accuracy, "mlx": stage_mlx}


def main() -> None:
    cfg = Config(**json.loads(sys.argv[1]))
    if cfg.synthetic:  # derived projector copies go next to the synthetic models
        os.environ["SHIPCARD_HOME"] = str(Path(cfg.path).parent / "home")
    measure(cfg)

