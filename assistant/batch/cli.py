"""`shipcard batch MANIFEST --out DIR`: flags in, a progress bar with ETA, the summary out."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..backends.base import TILE_BUDGET
from ..errors import ShipcardError

BackendOpt = Annotated[str, typer.Option("--backend", "-b", help="ocr, llamacpp, mlx, openai, or auto.")]
ModelOpt = Annotated[str | None, typer.Option("--model", "-m", help="Catalog id, model folder, or served model name.")]
TilesOpt = Annotated[int, typer.Option("--tiles", help="Most image tiles per screenshot sent to a VLM.", min=1, max=13)]
RubricsOpt = Annotated[Path | None, typer.Option("--rubrics", help="Folder of reviewer .toml files to add or replace.")]
BaseUrlOpt = Annotated[str | None, typer.Option(
    "--base-url", help="--backend openai: the server, e.g. http://127.0.0.1:8080/v1 (default: $SHIPCARD_OPENAI_BASE_URL).")]
ApiKeyEnvOpt = Annotated[str | None, typer.Option(
    "--api-key-env", help="--backend openai: environment variable holding the server's API key.")]


def register(app: typer.Typer) -> None:
    app.command()(batch)


def batch(
    manifest: Annotated[Path, typer.Argument(help="JSONL, a row per comparison: {\"id\": optional, \"products\": a list "
                                                  "of path lists}; or CSV, a column per product, its paths joined by ';'. "
                                                  "Paths are relative to the manifest.")],
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the cards, results.jsonl and summary.json.")],
    concurrency: Annotated[int, typer.Option("--concurrency", "-j", min=1, max=256,
                                             help="Rows made at once: worker processes here, or tasks in flight on Ray.")] = 1,
    ray: Annotated[str | None, typer.Option("--ray", help="Run on the Ray cluster at ADDRESS ('local': start one here).")] = None,
    formats: Annotated[str, typer.Option("--format", help="Comma-separated: html,md,json,png.")] = "html,md,json",
    backend: BackendOpt = "auto", model: ModelOpt = None, tiles: TilesOpt = TILE_BUDGET, rubrics: RubricsOpt = None,
    base_url: BaseUrlOpt = None, api_key_env: ApiKeyEnvOpt = None,
    timeout: Annotated[float, typer.Option("--timeout", min=1, help="--backend openai: seconds per completion.")] = 120.0,
    no_save: Annotated[bool, typer.Option("--no-save", help="Do not keep the cards in the local history.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log why each engine was chosen or skipped.")] = False,
) -> None:
    """Make a card for every row of a manifest; resumable: run it again to skip the rows already done."""
    from . import run_batch

    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s", stream=sys.stderr)
    options = {"model": model, "tile_budget": tiles, "base_url": base_url, "api_key_env": api_key_env,
               "timeout_s": timeout, "max_requests": max(4, concurrency)}
    with _Bar(sys.stderr.isatty() and not as_json) as bar:
        summary = run_batch(manifest, out_dir, backend, options, rubrics, _formats(formats), concurrency, ray,
                            not no_save, bar)
    _report(summary, out_dir, as_json)
    if summary.interrupted:
        raise typer.Exit(130)


class _Bar:
    def __init__(self, enabled: bool):
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(TextColumn("cards"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                            TextColumn("ETA"), TimeRemainingColumn(), console=Console(stderr=True), disable=not enabled)
        self.task = None

    def __enter__(self):
        self.bar.__enter__()
        return self

    def __exit__(self, *exc):
        return self.bar.__exit__(*exc)

    def __call__(self, done: int, total: int) -> None:
        if self.task is None:
            self.task = self.bar.add_task("cards", total=total)
        self.bar.update(self.task, completed=done, total=total)


def _formats(formats: str) -> tuple[str, ...]:
    from ..card import FORMATS

    wanted = tuple(f.strip().lower() for f in formats.split(",") if f.strip())
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise ShipcardError(f"Unknown format {', '.join(unknown)}.", f"Choose from {','.join(FORMATS)}.")
    return wanted


def _report(summary, out_dir: Path, as_json: bool) -> None:
    if as_json:
        print(json.dumps(summary.as_dict(), indent=2))
        return
    stopped = " (interrupted: run the same command again to resume)" if summary.interrupted else ""
    typer.echo(f"{summary.done} done, {summary.failed} failed, {summary.skipped} skipped (done before) of "
               f"{summary.rows} rows in {summary.seconds:.1f} s: {summary.cards_per_min} cards/min{stopped}")
    for line in summary.errors:
        typer.echo(f"  failed {line}", err=True)
    typer.echo(f"results: {out_dir / 'results.jsonl'}")
