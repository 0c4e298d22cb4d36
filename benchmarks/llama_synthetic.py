"""Speed and memory of the llama.cpp backend at full SmolVLM2-2.2B size, on random weights (no download).

    python -m benchmarks.llama_synthetic [--dir /tmp/shipcard-synth] [--quants Q4_K_M Q8_0] [--tile-budget 2]

Builds the synthetic pair once (f16 text model -> llama.cpp quantizer -> Q4_K_M / Q8_0; f16 projector),
then measures each quantization in its own process (so peak RSS is its own) and prints a Markdown table.
The answers are noise; the timings are those of the real architecture. `measure(dir, quant)` returns the
figures as a dict for other benchmarks.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

ROOT = Path(__file__).resolve().parents[1]
ARCH = "smolvlm2-2.2b"


def build(folder: Path, quants: list[str]) -> None:
    from weights.synth.gguf import quantize, write_pair

    f16 = folder / f"synthetic-{ARCH}-f16.gguf"
    if not f16.exists():
        write_pair(ARCH, folder)
    for q in quants:
        target = _model(folder, q)
        if not target.exists():
            quantize(f16, target, q)


def _model(folder: Path, quant: str) -> Path:
    return folder / f"synthetic-{ARCH}-{quant}.gguf"


def measure(folder: Path, quant: str, tile_budget: int = 2, screen_path: Path | None = None) -> dict:
    """Load, encode, prefill, decode and one extraction with the given quantization; in this process."""
    from assistant.backends.base import BackendOptions, JudgeRequest
    from assistant.backends.llamacpp import LlamaCppBackend, _engine
    from assistant.backends.vlm import page_text
    from assistant.images import load_image
    from assistant.ocr import read

    pair = folder / f"pair-{quant}"
    pair.mkdir(exist_ok=True)
    for src in (_model(folder, quant), folder / f"mmproj-synthetic-{ARCH}-f16.gguf"):
        link = pair / src.name
        if not link.exists():
            link.symlink_to(src)
    os.environ.setdefault("SHIPCARD_HOME", str(folder / "home"))
    screen = read(load_image(screen_path or _default_screen()))
    backend = LlamaCppBackend(BackendOptions(model=str(pair), tile_budget=tile_budget))
    _engine.cache_clear()
    engine = backend.engine
    out = {"quant": quant, "load_s": engine.load_seconds, "tile_budget": tile_budget, "threads": os.cpu_count()}
    out.update(_prefill_decode(engine.llama))
    t0 = time.perf_counter()
    facts = backend.extract([screen])
    out["extract_s"] = time.perf_counter() - t0
    stats = backend.stats
    out["tiles"] = stats.extra.get("tiles_encoded", 0)
    out["encode_s_per_tile"] = stats.extra.get("encode_seconds", 0) / max(1, out["tiles"])
    out["decoded_tokens"] = stats.completion_tokens
    out["prompt_tokens"] = stats.prompt_tokens
    out["unverified"] = facts.unverified
    t0 = time.perf_counter()
    before = stats.extra.get("prompt_tokens_reused", 0)
    backend.judge(JudgeRequest(reviewer="builder", criterion_id="api", question="Is there an API?",
                               facts_json=facts.model_dump_json(), page_text=page_text([screen])))
    out["followup_s"] = time.perf_counter() - t0
    out["followup_reused_tokens"] = stats.extra.get("prompt_tokens_reused", 0) - before
    out["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def _prefill_decode(llama, n_prompt: int = 256, n_decode: int = 32) -> dict:
    tokens = (llama.tokenize(b"The quick brown fox jumps over the lazy dog. ", add_bos=False) * 200)[:n_prompt]
    llama.reset()
    llama._ctx.kv_cache_clear()
    t0 = time.perf_counter()
    llama.eval(tokens)
    prefill = time.perf_counter() - t0
    t0 = time.perf_counter()
    for i in range(n_decode):
        llama.eval([tokens[i]])
    decode = time.perf_counter() - t0
    llama.reset()
    llama._ctx.kv_cache_clear()
    return {"prefill_tok_s": n_prompt / prefill, "decode_tok_s": n_decode / decode}


def _default_screen() -> Path:
    found = sorted((ROOT / "benchmarks/data/screens").glob("*landing.png"))
    if not found:
        raise SystemExit("No screenshot under benchmarks/data/screens; pass --screen.")
    return found[0]


def table(rows: list[dict]) -> str:
    head = ("| quant | load s | encode s/tile | prefill tok/s | decode tok/s | tiles | extraction s (decoded tok) "
            "| judge s (reused KV tok) | peak RSS MiB |\n|---|---|---|---|---|---|---|---|---|")
    lines = [
        f"| {r['quant']} | {r['load_s']:.1f} | {r['encode_s_per_tile']:.2f} | {r['prefill_tok_s']:.0f} | "
        f"{r['decode_tok_s']:.1f} | {r['tiles']} | {r['extract_s']:.1f} ({r['decoded_tokens']}) | "
        f"{r['followup_s']:.1f} ({r['followup_reused_tokens']}) | {r['peak_rss_mib']:.0f} |"
        for r in rows
    ]
    return "\n".join([head, *lines])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=Path("/tmp/shipcard-synth"))
    parser.add_argument("--quants", nargs="+", default=["Q4_K_M", "Q8_0"])
    parser.add_argument("--tile-budget", type=int, default=2)
    parser.add_argument("--screen", type=Path)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.dir, args.one, args.tile_budget, args.screen)))
        return
    args.dir.mkdir(parents=True, exist_ok=True)
    build(args.dir, args.quants)
    rows = []
    for quant in args.quants:  # one process each: load cost and peak RSS are that model's own
        cmd = [sys.executable, "-m", "benchmarks.llama_synthetic", "--dir", str(args.dir), "--one", quant,
               "--tile-budget", str(args.tile_budget)] + (["--screen", str(args.screen)] if args.screen else [])
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(table(rows))


if __name__ == "__main__":
    main()
