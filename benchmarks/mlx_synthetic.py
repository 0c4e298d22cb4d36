"""Speed and memory of the full-size SmolVLM2-2.2B architecture through MLX, without a download.

Writes the random-weight model (weights/synth/mlx.py, bf16, 4.5 GB) under a scratch folder, quantizes it
to 4 and 8 bits with mlx-vlm's convert, then measures each variant in a fresh process: load time,
prefill and decode tokens/s on one screenshot tile plus a short prompt, peak RSS and size on disk.
Prints a Markdown table. The weights are noise, so only speed and memory mean anything.

    python -m benchmarks.mlx_synthetic [--work /tmp/shipcard-mlx-bench] [--bits 4 8] [--decode 32]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROMPT = "Product name?"  # short: on a 2-core CPU, prefill of the 81 image tokens dominates already
_CHILD = r"""
import json, os, resource, sys, time
t0 = time.perf_counter()
import mlx_vlm.models.smolvlm
from mlx_vlm import apply_chat_template, generate, load
from PIL import Image
folder, image_path, prompt, decode = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
t1 = time.perf_counter()
model, processor = load(folder)
loaded = time.perf_counter() - t1
ip = processor.image_processor
ip.size = {"longest_edge": ip.max_image_size["longest_edge"]}  # one tile (--tile-budget 1)
image = Image.open(image_path).convert("RGB")
chat = apply_chat_template(processor, model.config, prompt, num_images=1)
r = generate(model, processor, chat, image=[image], max_tokens=decode, temperature=0.0, eos_tokens=[])
print(json.dumps({"import_s": t1 - t0, "load_s": loaded, "prompt_tokens": r.prompt_tokens, "prefill_tps": r.prompt_tps,
                  "decode_tokens": r.generation_tokens, "decode_tps": r.generation_tps,
                  "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def build(work: Path, bits: list[int]) -> dict[str, Path]:
    """The bf16 folder and one quantized folder per bit width, made once and reused."""
    sys.path.insert(0, str(ROOT))
    from weights.synth.mlx import write_mlx

    variants = {"bf16": work / "bf16"}
    if not (variants["bf16"] / "model.safetensors").is_file():
        started = time.perf_counter()
        write_mlx("smolvlm2-2.2b", variants["bf16"])
        print(f"wrote bf16 in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    for b in bits:
        folder = work / f"{b}bit"
        if not (folder / "config.json").is_file():
            started = time.perf_counter()
            from quantize.mlx import quantize_folder

            quantize_folder(variants["bf16"], folder, bits=b)
            print(f"quantized {b}-bit in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        variants[f"{b}-bit"] = folder
    return variants


def measure(folder: Path, decode: int) -> dict:
    image = ROOT / "examples" / "kestrel-coder" / "landing.png"
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(folder), str(image), PROMPT, str(decode)],
        capture_output=True, text=True, check=True, env={**os.environ, "TOKENIZERS_PARALLELISM": "false", "MLX_DISABLE_COMPILE": "1"},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def size_gib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.glob("*.safetensors")) / 2**30


def table(rows: list[tuple[str, float, dict]]) -> str:
    lines = [
        f"MLX {_mlx_version()} on {platform.machine()} {sys.platform}, {os.cpu_count()} cores; synthetic SmolVLM2-2.2B "
        "(random weights), 1 image tile (81 tokens) + text prompt.",
        "",
        "| variant | weights on disk | load | prefill | decode | peak RSS |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name, gib, m in rows:
        lines.append(
            f"| {name} | {gib:.2f} GiB | {m['load_s']:.1f} s | {m['prefill_tps']:.1f} tok/s ({m['prompt_tokens']} tokens) "
            f"| {m['decode_tps']:.2f} tok/s ({m['decode_tokens']} tokens) | {m['peak_rss_mib'] / 1024:.2f} GiB |"
        )
    return "\n".join(lines)


def _mlx_version() -> str:
    try:
        from importlib.metadata import version

        return f"{version('mlx')} / mlx-vlm {version('mlx-vlm')}"
    except Exception:  # noqa: BLE001
        return "?"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/shipcard-mlx-bench"), help="scratch folder (never the repo)")
    parser.add_argument("--bits", type=int, nargs="+", default=[4, 8])
    parser.add_argument("--decode", type=int, default=8, help="tokens to decode")
    parser.add_argument("--with-bf16", action="store_true", help="measure the bf16 folder too (slow on a CPU)")
    args = parser.parse_args(argv)
    variants = build(args.work, args.bits)
    rows = []
    for name, folder in variants.items():
        if name == "bf16" and not args.with_bf16:
            continue
        rows.append((name, size_gib(folder), measure(folder, args.decode)))
        print(f"measured {name}", file=sys.stderr)
    print(table(rows))


if __name__ == "__main__":
    main()
