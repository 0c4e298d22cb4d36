"""`shipcard batch MANIFEST --out DIR`: flags in, a progress bar with ETA, the summary out."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .. import flags
from ..flags import (
    TILE_BUDGET,
    ApiKeyEnvOpt,
    BackendOpt,
    BaseUrlOpt,
    EngineOpt,
    FormatOpt,
    JsonOpt,
    ModelOpt,
    NoSaveOpt,
    RubricsOpt,
    TilesOpt,
    VerboseOpt,
)
from ..sanitize import printable, redact

if TYPE_CHECKING:
    from rich.progress import TaskID


def register(app: typer.Typer) -> None:
    app.command()(batch)


def batch(
    manifest: Annotated[Path, typer.Argument(help="JSONL, a row per comparison: {\"id\": optional, \"products\": a list "
                                                  "of path lists}; or CSV, a column per product, its paths joined by ';'. "
                                                  "Paths are relative to the manifest and stay in its folder. "
                                                  "The format: docs/batch.md.")],
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the cards, results.jsonl and summary.json.")],
    concurrency: Annotated[int, typer.Option("--concurrency", "-j", min=1, max=256,
                                             help="Rows made at once: worker processes here, or tasks in flight on Ray.")] = 1,
    ray: Annotated[str | None, typer.Option("--ray", help="Run on the Ray cluster at ADDRESS ('local': start one here).")] = None,
    formats: FormatOpt = "html,md,json",
    backend: BackendOpt = "auto", model: ModelOpt = None, tiles: TilesOpt = TILE_BUDGET, rubrics: RubricsOpt = None,
    base_url: BaseUrlOpt = None, api_key_env: ApiKeyEnvOpt = None,
    timeout: Annotated[float, typer.Option("--timeout", min=1, help="--backend openai: seconds per completion.")] = 120.0,
    allow_outside: Annotated[bool, typer.Option("--allow-outside", help="Let rows name files outside the manifest's "
                                                                        "folder.")] = False,
    no_save: NoSaveOpt = False, as_json: JsonOpt = False, verbose: VerboseOpt = False, option: EngineOpt = None,
    allow_local: flags.AllowLocalOpt = False, follow: flags.FollowOpt = "",
) -> None:
    """Make a card for every row of a manifest; resumable: run it again to skip the rows already done.

    Exit 0: every row made (or made before); 2: refused as a whole (nothing run); 3: rows failed (their count is
    printed; the others are kept); 130: interrupted. The manifest's format: docs/batch.md."""
    from ..console import log_to_stderr
    from . import run_batch

    log_to_stderr(verbose)  # log lines printable and redacted, as every command's
    settings = flags.engine_settings(backend, option, model=model, tile_budget=tiles, base_url=base_url,
                                     api_key_env=api_key_env, timeout_s=timeout, max_requests=max(4, concurrency))
    with _Bar(sys.stderr.isatty() and not as_json) as bar:
        summary = run_batch(manifest, out_dir, backend, settings, rubrics, tuple(flags.formats(formats)), concurrency,
                            ray, not no_save, bar, allow_outside, flags.capture_options(allow_local, follow=follow))
    _report(summary, out_dir, as_json)
    if summary.interrupted:
        raise typer.Exit(130)
    if summary.failed:
        typer.echo(f"error: {summary.failed} of {summary.rows} rows failed (see {out_dir / 'results.jsonl'}); "
                   "fix them and run the same command again: rows done are kept.", err=True)
        raise typer.Exit(3)


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
        self.task: TaskID | None = None

    def __enter__(self):
        self.bar.__enter__()
        return self

    def __exit__(self, *exc):
        return self.bar.__exit__(*exc)

    def __call__(self, done: int, total: int) -> None:
        if self.task is None:
            self.task = self.bar.add_task("cards", total=total)
        self.bar.update(self.task, completed=done, total=total)


def _report(summary, out_dir: Path, as_json: bool) -> None:
    if as_json:
        print(json.dumps(summary.as_dict(), indent=2))
        return
    stopped = " (interrupted: run the same command again to resume)" if summary.interrupted else ""
    typer.echo(f"{summary.done} done, {summary.failed} failed, {summary.skipped} skipped (done before) of "
               f"{summary.rows} rows in {summary.seconds:.1f} s: {summary.cards_per_min} cards/min{stopped}")
    for line in summary.errors:
        typer.echo(f"  failed {printable(redact(line))}", err=True)
    typer.echo(f"results: {out_dir / 'results.jsonl'}")
