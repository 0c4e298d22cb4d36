"""`shipcard`: the command line. Domain errors become one clean line, never a traceback."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from . import __version__, console, flags
from .errors import ShipcardError, exit_with
from .flags import (
    CLAUDE_TIMEOUT_S,
    TILE_BUDGET,
    AllowLocalOpt,
    ApiKeyEnvOpt,
    BackendOpt,
    BaseUrlOpt,
    CaptureTimeoutOpt,
    ClaudeModelOpt,
    ClaudeTimeoutOpt,
    EngineOpt,
    EscalateOpt,
    FollowOpt,
    FormatOpt,
    JsonOpt,
    MaxHeightOpt,
    ModelOpt,
    NoJsOpt,
    NoSaveOpt,
    OutOpt,
    RationaleOpt,
    RubricsOpt,
    TilesOpt,
    VerboseOpt,
    ViewportOpt,
    YesOpt,
)

app = typer.Typer(help="Screenshots of AI products in, a reviewed comparison card out. On the device.",
                  no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False)
err = Console(stderr=True, soft_wrap=True)  # an error stays one line, however long
out = console.out


def _setup(verbose: bool) -> None:
    from .console import log_to_stderr

    log_to_stderr(verbose)


def _backend(name: str, model: str | None, tiles: int, verbose: bool, base_url: str | None = None,
             api_key_env: str | None = None, options: list[str] | None = None):
    from .backends import choose

    return choose(name, flags.engine_settings(name, options, model=model, tile_budget=tiles, verbose=verbose,
                                              base_url=base_url, api_key_env=api_key_env))


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Screenshots, a folder of screenshots, or URLs, of one product.")],
    as_json: JsonOpt = False, backend: BackendOpt = "auto", model: ModelOpt = None, tiles: TilesOpt = TILE_BUDGET,
    verbose: VerboseOpt = False, escalate: EscalateOpt = False, yes: YesOpt = False,
    claude_model: ClaudeModelOpt = None, claude_timeout: ClaudeTimeoutOpt = CLAUDE_TIMEOUT_S,
    base_url: BaseUrlOpt = None, api_key_env: ApiKeyEnvOpt = None, option: EngineOpt = None,
    allow_local: AllowLocalOpt = False, no_js: NoJsOpt = False, follow: FollowOpt = "",
    max_height: MaxHeightOpt = 8000, capture_timeout: CaptureTimeoutOpt = 30.0, viewport: ViewportOpt = "1280x800",
) -> None:
    """Read one product's screenshots (or pages: a URL is captured into shipcard-out/captures) and print its facts."""
    from . import pipeline

    _setup(verbose)
    captures = flags.capture_options(allow_local, no_js, follow, max_height, capture_timeout, viewport)
    [files] = _captured([inputs], Path("shipcard-out"), captures)
    engine = _backend(backend, model, tiles, verbose, base_url, api_key_env, option)
    with console.StageProgress(sys.stderr.isatty()) as progress:
        facts, screens = pipeline.extract(files, engine, progress)
    if escalate:  # Claude reads whole cards: judge this one product, escalate, keep its facts
        from .datamodel import Comparison
        from .rubrics import load_rubrics
        from .session import Session

        card = pipeline.card_for(facts, screens, load_rubrics(), engine)
        session = Session.of(Comparison(title=facts.name or "Product", products=[card]), [screens], engine)
        console.escalate_run(session, yes, claude_model, claude_timeout)
        facts = session.comparison.products[0].facts
    if as_json:
        print(facts.model_dump_json(indent=2))
        return
    from .card import tiers_text, yesno

    for label, value in (("Name", facts.name), ("Tagline", facts.tagline), ("Category", facts.category),
                         ("Entry", facts.pricing.entry), ("Pricing", tiers_text(facts)), ("License", facts.license),
                         ("Open weights", yesno(facts.open_weights)), ("Description", facts.description),
                         ("Engine", facts.backend)):
        out.print(f"[bold]{label}:[/bold] {console.plain(value or '—')}", highlight=False)
    doubt = console.name_doubt(facts)
    if doubt:
        console.note(doubt)


@app.command()
def compare(
    products: Annotated[list[str], typer.Argument(help="One image, folder or http(s) URL per product: A B [C ...].")],
    as_json: JsonOpt = False,
    out_dir: OutOpt = Path("shipcard-out"),
    formats: FormatOpt = "html,md,json,png",
    backend: BackendOpt = "auto", model: ModelOpt = None, tiles: TilesOpt = TILE_BUDGET, rubrics: RubricsOpt = None,
    verbose: VerboseOpt = False,
    no_save: NoSaveOpt = False, escalate: EscalateOpt = False, yes: YesOpt = False,
    claude_model: ClaudeModelOpt = None, claude_timeout: ClaudeTimeoutOpt = CLAUDE_TIMEOUT_S,
    base_url: BaseUrlOpt = None, api_key_env: ApiKeyEnvOpt = None, rationale: RationaleOpt = "auto",
    option: EngineOpt = None, allow_local: AllowLocalOpt = False, no_js: NoJsOpt = False, follow: FollowOpt = "",
    max_height: MaxHeightOpt = 8000, capture_timeout: CaptureTimeoutOpt = 30.0, viewport: ViewportOpt = "1280x800",
) -> None:
    """Compare products (one image, folder or URL each) and write the card (HTML, Markdown, JSON, PNG).

    A URL is captured with headless Chromium first (its screenshot and text kept in OUT/captures). With one product
    the card is that product's verdict, as `shipcard verdict` makes it.
    """
    wanted = flags.formats(formats)  # a typo fails now, not after the run
    captures = flags.capture_options(allow_local, no_js, follow, max_height, capture_timeout, viewport)
    session = _run_compare(_captured([[p] for p in products], out_dir, captures), backend, model, tiles, rubrics, verbose, base_url, api_key_env,
                           rationale, option)
    _done(session, out_dir, wanted, as_json, save=not no_save, escalate=escalate, yes=yes, claude_model=claude_model,
          claude_timeout=claude_timeout)


@app.command()
def verdict(
    images: Annotated[list[str], typer.Argument(help="Screenshots, a folder of them, or a URL, of one product.")],
    as_json: JsonOpt = False,
    out_dir: OutOpt = Path("shipcard-out"),
    formats: FormatOpt = "html,md,json,png",
    backend: BackendOpt = "auto", model: ModelOpt = None, tiles: TilesOpt = TILE_BUDGET, rubrics: RubricsOpt = None,
    verbose: VerboseOpt = False,
    no_save: NoSaveOpt = False,
    base_url: BaseUrlOpt = None, api_key_env: ApiKeyEnvOpt = None, rationale: RationaleOpt = "auto",
    option: EngineOpt = None, allow_local: AllowLocalOpt = False, no_js: NoJsOpt = False, follow: FollowOpt = "",
    max_height: MaxHeightOpt = 8000, capture_timeout: CaptureTimeoutOpt = 30.0, viewport: ViewportOpt = "1280x800",
) -> None:
    """One product's verdict card: the panel, the four reviews, the facts and Best for (--json: a one-product comparison)."""
    wanted = flags.formats(formats)
    captures = flags.capture_options(allow_local, no_js, follow, max_height, capture_timeout, viewport)
    session = _run_compare(_captured([images], out_dir, captures), backend, model, tiles, rubrics, verbose, base_url, api_key_env, rationale, option)
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
    rationale: RationaleOpt = "auto", option: EngineOpt = None,
) -> None:
    """Add a product to a saved card (its screenshots are not read again); saved as a new card, the old one kept."""
    from .rubrics import load_rubrics
    from .session import Session

    wanted = flags.formats(formats)
    _setup(verbose)
    saved = Session.load(id)
    reviewers = load_rubrics(rubrics)
    engine = _backend(backend, model, tiles, verbose, base_url, api_key_env, option)
    with console.StageProgress(sys.stderr.isatty()) as progress:
        session = saved.add(images, engine, reviewers, progress, flags.rationale(rationale))
    _done(session, out_dir, wanted, as_json)


def _captured(products: list[list[str]], out_dir: Path, options) -> list[list[str | Path]]:
    """Each URL among the inputs captured into OUT/captures (every page first, then the files); paths as given.
    With a URL among them, every path is checked first: a missing one fails before a browser starts."""
    from .capture import is_url, resolve

    if not any(is_url(p) for inputs in products for p in inputs):
        return [list(inputs) for inputs in products]
    with err.status("Capturing the pages…") if sys.stderr.isatty() else contextlib.nullcontext():
        return resolve(products, out_dir / "captures", options)


def _done(session, out_dir: Path, formats: list[str], as_json: bool, **finish) -> None:
    written = console.finish(session, out_dir, formats, **finish)
    if as_json:
        print(session.comparison.model_dump_json(indent=2))
    else:
        console.summary(session.comparison, written)


def _run_compare(products, backend, model, tiles, rubrics, verbose, base_url=None, api_key_env=None,
                 who="auto", options=None):
    from .rubrics import load_rubrics
    from .session import Session

    _setup(verbose)
    who = flags.rationale(who)
    reviewers = load_rubrics(rubrics)
    engine = _backend(backend, model, tiles, verbose, base_url, api_key_env, options)
    with console.StageProgress(sys.stderr.isatty()) as progress:
        return Session.run(products, engine, reviewers, progress, rationale=who)


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
    console.summary(session.comparison, console.finish(session, out_dir, flags.formats("html,md,json,png")))


@app.command()
def schema(
    which: Annotated[str, typer.Argument(help="facts or comparison")] = "comparison",
) -> None:
    """Print the JSON Schema of the --json output."""
    from pydantic import BaseModel

    from .datamodel import Comparison, Facts

    models: dict[str, type[BaseModel]] = {"facts": Facts, "comparison": Comparison}
    if which not in models:
        raise ShipcardError(f"Unknown schema '{which}'.", "Choose facts or comparison.")
    print(json.dumps(models[which].model_json_schema(), indent=2))


@app.command()
def doctor(as_json: JsonOpt = False, model: ModelOpt = None, base_url: BaseUrlOpt = None,
           api_key_env: ApiKeyEnvOpt = None, option: EngineOpt = None) -> None:
    """Hardware, the engines registered and their options, weights found, which engine `--backend auto` would pick
    and why, a server's models."""
    from .doctor import report

    info = report(flags.engine_settings("auto", option, model=model, base_url=base_url, api_key_env=api_key_env))
    if as_json:
        print(json.dumps(info, indent=2))
        return
    hw = info["hardware"]
    out.print(f"[bold]Machine[/bold]: {console.plain(hw['cpu'])} · {hw['cores']} cores · {hw['ram_gb']} GB RAM · "
              f"{console.plain(hw['os'])}", highlight=False)
    out.print("[bold]Engines[/bold] (best first):")
    for b in info["backends"]:
        mark = "[green]usable[/green]" if b["usable"] else "[yellow]skipped[/yellow]"
        # plain: a reason holds install hints such as 'shipcard[llama]', which rich would read as markup and drop
        out.print(f"  {console.plain(b['name']):9} {mark}  {console.plain(b['reason'])}", highlight=False)
        _print_engine(b)
    out.print(f"[bold]--backend auto[/bold] picks: {console.plain(info['auto'])}", highlight=False)
    if info["tiling"]:
        out.print("[bold]Tiling[/bold] (a 1280x800 page, tiles with the global one):")
    for t in info["tiling"]:
        derived = " (key missing: a derived projector adds it)" if t["derived"] else ""
        out.print(f"  {t['model']}: long edge {t['long_edge']} px{derived}; stock {t['stock_tiles']} tiles = "
                  f"{t['stock_image_tokens']} image tokens; --tiles {t['tile_budget']}: {t['tiles']} tiles = "
                  f"{t['image_tokens']} image tokens", highlight=False)


def _print_engine(engine: dict) -> None:
    """An engine's options (`-o NAME=VALUE`, the flag that is an alias in brackets) and what else it reports."""
    named = [o["name"] + (f" ({flags.ALIASES[o['name']]})" if o["name"] in flags.ALIASES else "")
             for o in engine["options"]]
    if named:
        out.print(f"  {'':9} -o {', '.join(named)}", highlight=False)
    for key, value in engine["details"].items():
        shown = ", ".join(map(str, value)) or "none" if isinstance(value, list) else value
        out.print(f"  {'':9} {key}: {console.plain(shown)}", highlight=False)


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


def _one_line_summaries() -> None:
    """A command's summary in `shipcard --help` is its docstring's first paragraph on one line: rich's command list
    keeps a docstring's line breaks ('would pick' / 'and why' on two rows), so the break is undone here."""
    import inspect

    for info in app.registered_commands:
        if info.short_help is None and info.callback is not None and info.callback.__doc__:
            first = inspect.cleandoc(info.callback.__doc__).split("\n\n")[0]
            if "\n" in first:
                info.short_help = " ".join(first.split())


_one_line_summaries()


def main() -> None:
    try:
        app()
    except ShipcardError as exc:
        try:
            exit_with(exc)
        except typer.Exit as done:
            sys.exit(done.exit_code)
