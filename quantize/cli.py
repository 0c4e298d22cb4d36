"""`shipcard quantize`: smaller model files, checked by a smoke test before they land."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from assistant.errors import ShipcardError, exit_with

from . import jobs
from .gguf import TYPES
from .staging import human

app = typer.Typer(help="Quantize SmolVLM2 weights for llama.cpp (GGUF) or MLX, then smoke-test them.", no_args_is_help=True)

Out = Annotated[Path, typer.Option("--out", help="Folder to create (written beside it first, moved in on success).")]
Overwrite = Annotated[bool, typer.Option("--overwrite", help="Replace OUT if it exists.")]
Smoke = Annotated[bool, typer.Option("--smoke/--no-smoke", help="Load the result and get one answer before keeping it.")]
Json = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]


@app.command("gguf")
def gguf_command(
    src: Annotated[Path, typer.Argument(help="A text-model .gguf (its mmproj*.gguf beside it), or the folder holding the pair.")],
    out: Out,
    qtype: Annotated[str, typer.Option("--type", help=f"Target type: {', '.join(TYPES)}.")] = "q4_k_m",
    mmproj_q8: Annotated[bool, typer.Option("--mmproj-q8", help="Requantize the vision projector to Q8_0 (default: copy it).")] = False,
    overwrite: Overwrite = False,
    smoke: Smoke = True,
    as_json: Json = False,
) -> None:
    """Quantize a GGUF pair with llama.cpp's own quantizer."""
    _report(lambda: jobs.gguf(src, qtype.lower(), out, mmproj_q8=mmproj_q8, smoke=smoke, overwrite=overwrite), as_json)


@app.command("mlx")
def mlx_command(
    src: Annotated[Path, typer.Argument(help="An mlx-vlm (or Hugging Face) SmolVLM2 folder in bf16/f16/f32.")],
    out: Out,
    bits: Annotated[int, typer.Option("--bits", help="4 or 8.")] = 4,
    group_size: Annotated[int, typer.Option("--group-size", help="Weights sharing one scale: 32, 64 or 128.")] = 64,
    overwrite: Overwrite = False,
    smoke: Smoke = True,
    as_json: Json = False,
) -> None:
    """Quantize an MLX model folder with mlx-vlm's convert."""
    _report(lambda: jobs.mlx(src, bits, out, group_size=group_size, smoke=smoke, overwrite=overwrite), as_json)


def _report(run, as_json: bool) -> None:
    try:
        result = run()
    except ShipcardError as exc:
        exit_with(exc)
    if as_json:
        typer.echo(json.dumps(result.as_dict(), indent=2))
        return
    ratio = result.bytes_after / result.bytes_before if result.bytes_before else 0
    typer.echo(f"{result.kind} {result.variant}: {result.out}")
    typer.echo(f"  size  {human(result.bytes_before)} -> {human(result.bytes_after)} ({ratio:.0%})")
    if result.smoke:
        typer.echo(f"  smoke {result.smoke['answer']} in {result.smoke['seconds']:.2f} s")
    typer.echo(f"  took  {result.seconds:.1f} s")
