"""`shipcard weights ...`: list, download, check and locate model weights; write synthetic ones.

Mounted by the main CLI as a typer sub-app (`app`). Domain errors print as one line.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from common.errors import ShipcardError, exit_with

from . import catalog

app = typer.Typer(help="Model weights: list, pull, verify, locate, and write synthetic test models.", no_args_is_help=True)


def _fail(exc: ShipcardError) -> None:
    exit_with(exc)


@app.command("list")
def list_models(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Known models, with whether each is downloaded."""
    rows = [
        {"id": e.id, "format": e.format, "installed": e.installed, "default": e.default, "repo": e.repo,
         "label": e.label, "folder": str(e.folder)}
        for e in catalog.entries()
    ]
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    for r in rows:
        mark = "installed" if r["installed"] else "not downloaded"
        typer.echo(f"{r['id']:<20} {r['format']:<5} {mark:<15} {'(default) ' if r['default'] else ''}{r['label']}")


@app.command()
def pull(model_id: Annotated[str, typer.Argument(help="Catalog id (see 'weights list').")]) -> None:
    """Download a model from the Hugging Face Hub (resumable), then check its files."""
    from .hub import pull as hub_pull

    try:
        folder = hub_pull(catalog.get(model_id))
    except ShipcardError as exc:
        _fail(exc)
    typer.echo(f"{model_id}: ready in {folder}")


@app.command()
def verify(model_id: Annotated[str | None, typer.Argument(help="Catalog id; all downloaded models when left out.")] = None) -> None:
    """Check downloaded files: present, right size, sha256 as recorded."""
    from .hub import verify as hub_verify

    try:
        targets = [catalog.get(model_id)] if model_id else [e for e in catalog.entries() if e.folder.is_dir()]
    except ShipcardError as exc:
        _fail(exc)
    bad = 0
    for entry in targets:
        for check in hub_verify(entry):
            bad += not check.ok
            typer.echo(f"{entry.id}: {check.name}: {'ok' if check.ok else 'BAD'} ({check.reason})")
    if not targets:
        typer.echo("No model is downloaded. Run 'shipcard weights pull ID'.")
    raise typer.Exit(1 if bad else 0)


@app.command()
def path(model_id: Annotated[str, typer.Argument(help="Catalog id.")]) -> None:
    """Print the folder a model lives in (it may not exist yet)."""
    try:
        typer.echo(str(catalog.get(model_id).folder))
    except ShipcardError as exc:
        _fail(exc)


def _synth_gguf(arch: str, out: Path) -> list[Path]:
    from .synth.gguf import write_pair

    return list(write_pair(arch, out))


def _synth_mlx(arch: str, out: Path) -> list[Path]:
    from .synth.mlx import write_mlx

    return [write_mlx(arch, out)]


# --format dispatch: one writer per weight format.
SYNTH_WRITERS: dict[str, Callable[[str, Path], list[Path]]] = {"gguf": _synth_gguf, "mlx": _synth_mlx}


@app.command()
def synth(
    out: Annotated[Path, typer.Argument(help="Folder to write into.")],
    arch: Annotated[str, typer.Option(help="tiny (tests, seconds), smolvlm2-500m or smolvlm2-2.2b (full size, random weights, a vocabulary learned at write time).")] = "tiny",
    format: Annotated[str, typer.Option("--format", help="Weight format: " + ", ".join(SYNTH_WRITERS))] = "gguf",
) -> None:
    """Write a random-weight model of a real architecture (for tests and speed/memory measurements)."""
    from .synth.gguf import ARCHS

    if arch not in ARCHS:
        _fail(ShipcardError(f"Unknown arch '{arch}'.", f"Choose one of: {', '.join(ARCHS)}."))
    writer = SYNTH_WRITERS.get(format)
    if writer is None:
        _fail(ShipcardError(f"Unknown format '{format}'.", f"Choose one of: {', '.join(SYNTH_WRITERS)}."))
    for written in writer(arch, out):
        typer.echo(str(written))
