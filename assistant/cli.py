"""`shipcard`: the command line. Domain errors become one clean line, never a traceback."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from . import __version__
from .backends.base import TILE_BUDGET
from .errors import ShipcardError, exit_with
from .history_cli import CLAUDE_TIMEOUT_S, ClaudeTimeoutOpt

app = typer.Typer(help="Screenshots of AI products in, a reviewed comparison card out. On the device.",
                  no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False)
err = Console(stderr=True, soft_wrap=True)  # an error stays one line, however long
out = Console()

BackendOpt = Annotated[str, typer.Option("--backend", "-b", help="ocr, llamacpp, mlx, or auto (best usable here).")]
ModelOpt = Annotated[str | None, typer.Option("--model", "-m", help="Catalog id or folder holding the model files.")]
TilesOpt = Annotated[int, typer.Option("--tiles", help="Most image tiles per screenshot sent to a VLM.", min=1, max=13)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the JSON contract (see `shipcard schema`).")]
OutOpt = Annotated[Path, typer.Option("--out", help="Folder for the card files.")]
FormatOpt = Annotated[str, typer.Option("--format", help="Comma-separated: html,md,json,png.")]
NoSaveOpt = Annotated[bool, typer.Option("--no-save", help="Do not keep the card in the local history.")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Log why each engine was chosen or skipped.")]
RubricsOpt = Annotated[Path | None, typer.Option("--rubrics", help="Folder of reviewer .toml files to add or replace.")]
BaseUrlOpt = Annotated[str | None, typer.Option(
    "--base-url", help="--backend openai: the server, e.g. http://127.0.0.1:8080/v1 (default: $SHIPCARD_OPENAI_BASE_URL).")]
RationaleOpt = Annotated[str, typer.Option(
    "--rationale", help="Who writes the reviews: auto (a served model does, else the rules), model (the engine, "
    "opt-in on a local CPU: tens of seconds), rules.")]
ApiKeyEnvOpt = Annotated[str | None, typer.Option(
    "--api-key-env", help="--backend openai: environment variable holding the server's API key.")]


class _Printable(logging.Formatter):
    """Log lines name files and pages: their escapes never reach the terminal."""

    def format(self, record: logging.LogRecord) -> str:
        from .sanitize import printable

        return printable(super().format(record))


def _setup(verbose: bool) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s", stream=sys.stderr)
    for handler in logging.getLogger().handlers:
        handler.setFormatter(_Printable("%(message)s"))


def _backend(name: str, model: str | None, tiles: int, verbose: bool, base_url: str | None = None,
             api_key_env: str | None = None, **served):
    from .backends import BackendOptions, choose

    return choose(name, BackendOptions(model=model, tile_budget=tiles, verbose=verbose, base_url=base_url,
                                       api_key_env=api_key_env, **served))


class _Progress:
    """A rich progress bar per stage, on stderr so --json output stays clean."""

    def __init__(self, enabled: bool):
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                            TimeElapsedColumn(), console=err, transient=True, disable=not enabled)
        self.tasks: dict[str, int] = {}

    def __enter__(self):
        self.bar.__enter__()
        return self

    def __exit__(self, *exc):
        return self.bar.__exit__(*exc)

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage not in self.tasks:
            self.tasks[stage] = self.bar.add_task(stage, total=total)
        self.bar.update(self.tasks[stage], completed=done, total=total)


@app.command()
def extract(
    inputs: Annotated[list[Path], typer.Argument(help="Screenshots, or a folder of screenshots, of one product.")],
    as_json: JsonOpt = False, backend: BackendOpt = "auto", model: ModelOpt = None, tiles: TilesOpt = TILE_BUDGET,
    verbose: VerboseOpt = False,
    escalate: Annotated[bool, typer.Option("--escalate", help="Also ask Claude (shows what is sent, asks first).")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="With --escalate: send without asking.")] = False,
    claude_model: Annotated[str | None, typer.Option("--claude-model", help="Claude model for --escalate.")] = None,
    claude_timeout: ClaudeTimeoutOpt = CLAUDE_TIMEOUT_S,
    base_url: BaseUrlOpt = None, api_key_env: ApiKeyEnvOpt = None,
) -> None:
    """Read one product's screenshots and print its facts."""
    from . import pipeline

    _setup(verbose)
    engine = _backend(backend, model, tiles, verbose, base_url, api_key_env)
    with _Progress(sys.stderr.isatty()) as progress:
        facts, screens = pipeline.extract(inputs, engine, progress)
    if escalate:  # Claude reads whole cards: judge this one product, escalate, keep its facts
        from .datamodel import Comparison
        from .history_cli import escalate_run
        from .rubrics import load_rubrics
        from .session import Session

        card = pipeline.card_for(facts, screens, load_rubrics(), engine)
        session = Session.of(Comparison(title=facts.name or "Product", products=[card]), [screens], engine)
        escalate_run(session, yes, claude_model, claude_timeout)
        facts = session.comparison.products[0].facts
    if as_json:
        print(facts.model_dump_json(indent=2))
        return
    from .card import tiers_text, yesno

    for label, value in (("Name", facts.name), ("Tagline", facts.tagline), ("Category", facts.category),
                         ("Entry", facts.pricing.entry), ("Pricing", tiers_text(facts)), ("License", facts.license),
                         ("Open weights", yesno(facts.open_weights)), ("Description", facts.description),
                         ("Engine", facts.backend)):
        out.print(f"[bold]{label}:[/bold] {_plain(value or '—')}", highlight=False)


@app.command()
def compare(
    products: Annotated[list[Path], typer.Argument(help="One image or folder per product: A B [C ...].")],
    as_json: JsonOpt = False,
    out_dir: OutOpt = Path("shipcard-out"),
    formats: FormatOpt = "html,md,json,png",
    backend: BackendOpt = "auto", model: ModelOpt = None, tiles: TilesOpt = TILE_BUDGET, rubrics: RubricsOpt = None,
    verbose: VerboseOpt = False,
    no_save: NoSaveOpt = False,
    escalate: Annotated[bool, typer.Option("--escalate", help="Also ask Claude (shows what is sent, asks first).")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="With --escalate: send without asking.")] = False,
    claude_model: Annotated[str | None, typer.Option("--claude-model", help="Claude model for --escalate.")] = None,
    claude_timeout: ClaudeTimeoutOpt = CLAUDE_TIMEOUT_S,
    base_url: BaseUrlOpt = None, api_key_env: ApiKeyEnvOpt = None, rationale: RationaleOpt = "auto",
) -> None:
    """Compare products (one image or folder each) and write the card (HTML, Markdown, JSON, PNG).

    With one product the card is that product's verdict, as `shipcard verdict` makes it.
    """
    wanted = _formats(formats)  # a typo fails now, not after the run
    session = _run_compare([[p] for p in products], backend, model, tiles, rubrics, verbose, base_url, api_key_env,
                           rationale)
    _done(session, out_dir, wanted, as_json, save=not no_save, escalate=escalate, yes=yes, claude_model=claude_model,
          claude_timeout=claude_timeout)


@app.command()
def verdict(
    images: Annotated[list[Path], typer.Argument(help="Screenshots, or a folder of them, of one product.")],
    as_json: JsonOpt = False,
    out_dir: OutOpt = Path("shipcard-out"),
    formats: FormatOpt = "html,md,json,png",
    backend: BackendOpt = "auto", model: ModelOpt = None, tiles: TilesOpt = TILE_BUDGET, rubrics: RubricsOpt = None,
    verbose: VerboseOpt = False,
    no_save: NoSaveOpt = False,
    base_url: BaseUrlOpt = None, api_key_env: ApiKeyEnvOpt = None, rationale: RationaleOpt = "auto",
) -> None:
    """One product's verdict card: the panel, the four reviews, the facts and Best for (--json: a one-product comparison)."""
    wanted = _formats(formats)
    session = _run_compare([images], backend, model, tiles, rubrics, verbose, base_url, api_key_env, rationale)
    _done(session, out_dir, wanted, as_json, save=not no_save)


@app.command()
def add(
    id: Annotated[int, typer.Argument(help="Card id, as `shipcard history` lists it.")],
    images: Annotated[list[Path], typer.Argument(help="Screenshots, or a folder of them, of the product to add.")],
    as_json: JsonOpt = False,
    out_dir: OutOpt = Path("shipcard-out"),
    formats: FormatOpt = "html,md,json,png",
    backend: BackendOpt = "auto", model: ModelOpt = None, tiles: TilesOpt = TILE_BUDGET, rubrics: RubricsOpt = None,
    verbose: VerboseOpt = False, base_url: BaseUrlOpt = None, api_key_env: ApiKeyEnvOpt = None,
    rationale: RationaleOpt = "auto",
) -> None:
    """Add a product to a saved card (its screenshots are not read again); saved as a new card, the old one kept."""
    from .rubrics import load_rubrics
    from .session import Session

    wanted = _formats(formats)
    _setup(verbose)
    saved = Session.load(id)
    reviewers = load_rubrics(rubrics)
    engine = _backend(backend, model, tiles, verbose, base_url, api_key_env)
    with _Progress(sys.stderr.isatty()) as progress:
        session = saved.add(images, engine, reviewers, progress, _rationale(rationale))
    _done(session, out_dir, wanted, as_json)


def _done(session, out_dir: Path, formats: list[str], as_json: bool, **finish) -> None:
    written = _finish(session, out_dir, formats, **finish)
    if as_json:
        print(session.comparison.model_dump_json(indent=2))
    else:
        _summary(session.comparison, written)


def _run_compare(products, backend, model, tiles, rubrics, verbose, base_url=None, api_key_env=None,
                 rationale="auto"):
    from .rubrics import load_rubrics
    from .session import Session

    _setup(verbose)
    who = _rationale(rationale)
    reviewers = load_rubrics(rubrics)
    engine = _backend(backend, model, tiles, verbose, base_url, api_key_env)
    with _Progress(sys.stderr.isatty()) as progress:
        return Session.run(products, engine, reviewers, progress, rationale=who)


def _rationale(value: str) -> str:
    if value not in ("auto", "model", "rules"):
        raise ShipcardError(f"Unknown --rationale '{value}'.", "Choose auto, model or rules.")
    return value


def _finish(session, out_dir: Path, formats: list[str], save=True, escalate=False, yes=False,
            claude_model=None, claude_timeout: float = CLAUDE_TIMEOUT_S) -> list[Path]:
    """Escalate when asked, write the card files, then save: a history that cannot be written costs only its entry."""
    from .card import write_card
    from .history_cli import escalate_run, save_run, suggest

    if escalate:
        escalate_run(session, yes, claude_model, claude_timeout)
    written = write_card(session.comparison, out_dir, formats)
    if save:
        save_run(session)
    if not escalate:
        suggest(session.comparison)
    return written


def _formats(formats: str) -> list[str]:
    from .card import FORMATS

    wanted = [f.strip().lower() for f in formats.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise ShipcardError(f"Unknown format {', '.join(unknown)}.", f"Choose from {','.join(FORMATS)}.")
    return wanted


def _plain(text: object) -> str:
    """Page text for a rich console: no escapes, no markup."""
    from rich.markup import escape

    from .sanitize import printable

    return escape(printable(text))


def _summary(comparison, written: list[Path]) -> None:
    out.print(f"[bold]{_plain(comparison.title)}[/bold]", highlight=False)
    for p in comparison.products:
        scores = "  ".join(f"{r.reviewer.capitalize()} {r.score} {r.verdict}" for r in p.reviews)
        out.print(f"  {_plain(p.facts.name or 'Unnamed')}: {p.panel.verdict.capitalize()} · {p.panel.ship} ship / "
                  f"{p.panel.skip} skip, {p.panel.ship_pct}% · entry {_plain(p.facts.pricing.entry or '—')} · {_plain(scores)}",
                  highlight=False)
    for path in written:
        out.print(f"  wrote {_plain(path)}", highlight=False)


@app.command()
def demo(
    out_dir: OutOpt = Path("shipcard-out"),
    backend: BackendOpt = "auto", verbose: VerboseOpt = False,
) -> None:
    """Compare the bundled example products and write the card files."""
    from .examples import products

    found = products()
    if not found:
        raise ShipcardError("The bundled example screenshots are missing from this install.",
                            "Reinstall shipcard: pip install --force-reinstall shipcard")
    session = _run_compare([[p] for p in found], backend, None, 2, None, verbose)
    _summary(session.comparison, _finish(session, out_dir, _formats("html,md,json,png")))


@app.command()
def schema(
    which: Annotated[str, typer.Argument(help="facts or comparison")] = "comparison",
) -> None:
    """Print the JSON Schema of the --json output."""
    from .datamodel import Comparison, Facts

    models = {"facts": Facts, "comparison": Comparison}
    if which not in models:
        raise ShipcardError(f"Unknown schema '{which}'.", "Choose facts or comparison.")
    print(json.dumps(models[which].model_json_schema(), indent=2))


@app.command()
def doctor(as_json: JsonOpt = False, model: ModelOpt = None, base_url: BaseUrlOpt = None,
           api_key_env: ApiKeyEnvOpt = None) -> None:
    """Hardware, installed engines, weights found, which engine `--backend auto` would pick and why, a server's models."""
    from .doctor import report

    info = report(model, base_url, api_key_env)
    if as_json:
        print(json.dumps(info, indent=2))
        return
    hw = info["hardware"]
    out.print(f"[bold]Machine[/bold]: {hw['cpu']} · {hw['cores']} cores · {hw['ram_gb']} GB RAM · {hw['os']}", highlight=False)
    out.print("[bold]Engines[/bold] (best first):")
    for b in info["backends"]:
        mark = "[green]usable[/green]" if b["usable"] else "[yellow]skipped[/yellow]"
        out.print(f"  {b['name']:9} {mark}  {b['reason']}", highlight=False)
    out.print(f"[bold]--backend auto[/bold] picks: {info['auto']}", highlight=False)
    if info.get("kernels"):
        out.print(f"[bold]Kernels[/bold] (llama.cpp): {info['kernels']['advice']}", highlight=False, soft_wrap=True)
    _print_server(info.get("server") or {})
    if info["tiling"]:
        out.print("[bold]Tiling[/bold] (a 1280x800 page, tiles with the global one):")
    for t in info["tiling"]:
        derived = " (key missing: a derived projector adds it)" if t["derived"] else ""
        out.print(f"  {t['model']}: long edge {t['long_edge']} px{derived}; stock {t['stock_tiles']} tiles = "
                  f"{t['stock_image_tokens']} image tokens; --tile-budget {t['tile_budget']}: {t['tiles']} tiles = "
                  f"{t['image_tokens']} image tokens", highlight=False)


def _print_server(server: dict) -> None:
    if not server:
        return
    found = server.get("error") or ", ".join(server.get("models") or []) or "no model listed"
    out.print(f"[bold]Server[/bold] {server['base_url']} (/v1/models): {found}", highlight=False)


@app.command()
def version() -> None:
    """Print the version."""
    print(__version__)


def _mount_optional() -> None:
    """Sub-commands that live in their own packages; each imports its heavy libraries only when run."""
    for module, name in (("weights.cli", "weights"), ("quantize.cli", "quantize"), ("benchmarks.cli", "bench"),
                         ("assistant.history_cli", None), ("assistant.batch.cli", None), ("ui.cli", None)):
        try:
            mod = __import__(module, fromlist=["app"])
        except ModuleNotFoundError as exc:
            if exc.name and module.startswith(exc.name):
                continue
            raise
        if name:
            app.add_typer(mod.app, name=name)
        else:
            mod.register(app)


_mount_optional()


def main() -> None:
    try:
        app()
    except ShipcardError as exc:
        try:
            exit_with(exc)
        except typer.Exit as done:
            sys.exit(done.exit_code)
