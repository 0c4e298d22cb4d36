"""CLI commands over the local history: history, show, vote, bookmark, export, import, ask, chat, escalate.

`register(app)` adds them to the main `shipcard` app; `finish_run` is what `compare`/`demo` call after a
run to save the card (and, only when asked, escalate it to Claude).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from .errors import ShipcardError
from .files import atomic_write

IdArg = Annotated[int, typer.Argument(help="Card id, as `shipcard history` lists it.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]
YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Send to Claude without asking first.")]
ClaudeModelOpt = Annotated[str | None, typer.Option(
    "--claude-model", help="Claude model (default: $SHIPCARD_CLAUDE_MODEL or claude-sonnet-5-5).")]
ClaudeTimeoutOpt = Annotated[float, typer.Option("--claude-timeout", help="Seconds to wait for Claude's reply.", min=1)]
AskBackendOpt = Annotated[str, typer.Option("--backend", "-b", help="ocr (rules, instant), llamacpp, mlx or auto.")]


def _echo(text: str) -> None:
    typer.echo(text)


def _note(text: str) -> None:
    typer.echo(text, err=True)


def _history():
    from .history import History

    return History.default()


def _claude_options(model: str | None, timeout: float = 60.0):
    from .claude import ClaudeOptions

    return ClaudeOptions(timeout_s=timeout, **({"model": model} if model else {}))


# ---- saving a run -------------------------------------------------------------------------------


def finish_run(comparison, screens, engine, save: bool = True, escalate: bool = False, yes: bool = False,
               claude_model: str | None = None):
    """Save a fresh card (prints `saved as #ID`), then escalate it when asked. Returns the card to write."""
    history = None
    if save:
        try:
            history = _history()
            cid = history.save(comparison, screens, engine.name, _model_name(engine))
            _note(f"saved as #{cid}")
        except ShipcardError as exc:
            _note(f"not saved: {exc}")
            history = None
    if not escalate:
        _suggest(comparison)
        return comparison
    files = [[(s.name, s.loaded.path) for s in product] for product in screens]
    try:
        return _escalate(comparison, files, history, yes, _claude_options(claude_model))
    except ShipcardError as exc:
        _note(f"error: {exc} The local card stands" + (f" (saved as #{comparison.id})." if comparison.id else "."))
        return comparison


def _model_name(engine) -> str | None:
    path = getattr(engine, "model_path", None)
    return engine.options.model or (str(path) if path else None)


def _suggest(comparison) -> None:
    from .claude import weak_fields

    weak = {p.facts.name or f"product {i + 1}": weak_fields(p.facts) for i, p in enumerate(comparison.products)}
    weak = {k: v for k, v in weak.items() if v}
    if weak:
        what = "; ".join(f"{k}: {', '.join(v)}" for k, v in weak.items())
        how = f"shipcard escalate {comparison.id}" if comparison.id else "--escalate"
        _note(f"tip: some fields are missing or uncertain ({what}); `{how}` can ask Claude (sends the screenshots).")


def _escalate(comparison, files, history, yes: bool, options):
    """Show what goes, ask, call Claude, save the merged card. Raises ClaudeError; the saved card is untouched then."""
    from . import claude

    shots = claude.load_shots(comparison, files)
    _note(claude.describe(claude.plan(comparison, shots, options)))
    if not yes and not typer.confirm("Send this to Claude?", default=False, err=True):
        _note("Nothing was sent.")
        return comparison
    merged = claude.escalate(comparison, shots, options)
    if history is not None and comparison.id is not None:
        history.update(comparison.id, merged)
        merged = history.get(comparison.id)
        _note(f"updated #{comparison.id} with Claude's reading")
    return merged


# ---- commands ---------------------------------------------------------------------------------


def history(as_json: JsonOpt = False) -> None:
    """List saved cards, newest first (★ marks bookmarks)."""
    rows = _history().rows()
    if as_json:
        _echo(json.dumps([r.model_dump() for r in rows], indent=2))
        return
    if not rows:
        _echo("No saved cards yet. Run `shipcard compare A B` or `shipcard demo`.")
    for r in rows:
        products = " | ".join(f"{p.name or '?'} {p.verdict or '?'} {p.ship}/{p.ship + p.skip}"
                              + (f" ▲{p.up} ▼{p.down}" if p.up or p.down else "") for p in r.products)
        mark = "★" if r.bookmarked else " "
        _echo(f"#{r.id:<4}{mark} {r.created_at[:16].replace('T', ' ')}  {r.title}  [{products}]  {r.backend}"
              + (f" · {r.answers} answers" if r.answers else ""))


def show(
    id: IdArg,
    fmt: Annotated[str, typer.Option("--format", help="md or json print here; html and png are written to --out.")] = "md",
    out: Annotated[Path | None, typer.Option("--out", help="Folder to write the card file to.")] = None,
) -> None:
    """Show a saved card (community counts from the votes)."""
    from .card import FORMATS, render_json, render_markdown, write_card

    if fmt not in FORMATS:
        raise ShipcardError(f"Unknown format {fmt}.", f"Choose from {','.join(FORMATS)}.")
    comparison = _history().get(id)
    if out is None and fmt in ("md", "json"):
        _echo((render_markdown if fmt == "md" else render_json)(comparison))
        return
    for path in write_card(comparison, out or Path("shipcard-out"), [fmt], stem=f"card-{id}"):
        _echo(f"wrote {path}")


def vote(
    id: IdArg,
    product: Annotated[str, typer.Argument(help="Product: its number (1, 2, ...) or its name.")],
    direction: Annotated[str, typer.Argument(help="up or down")],
) -> None:
    """Vote a product of a saved card up or down (shown as Community on the card)."""
    if direction not in ("up", "down"):
        raise ShipcardError(f"Vote '{direction}' is not up or down.", f"Run: shipcard vote {id} {product} up")
    h = _history()
    index = h.product_index(id, product)
    counts = h.vote(id, index, direction == "up")
    name = h.get(id).products[index].facts.name or f"product {index + 1}"
    _echo(f"#{id} {name}: {counts.up} up / {counts.down} down")


def bookmark(id: IdArg, off: Annotated[bool, typer.Option("--off", help="Remove the bookmark.")] = False) -> None:
    """Bookmark a saved card (or remove the bookmark with --off)."""
    _history().bookmark(id, not off)
    _echo(f"#{id} {'unbookmarked' if off else 'bookmarked'}")


def export(
    ids: Annotated[list[int] | None, typer.Argument(help="Card ids to export.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Export every saved card.")] = False,
    out: Annotated[Path | None, typer.Option("--out", help="File to write (default: print).")] = None,
) -> None:
    """Export cards with their screenshots, OCR lines, votes and answers as one JSON file."""
    if not ids and not all_:
        raise ShipcardError("Nothing to export.", "Pass card ids (shipcard export 3 4) or --all.")
    data = json.dumps(_history().export(None if all_ else ids))
    if out is None:
        _echo(data)
        return
    atomic_write(out, data)
    _echo(f"wrote {out}")


def import_(file: Annotated[Path, typer.Argument(help="A file written by `shipcard export`.")]) -> None:
    """Import cards from a `shipcard export` file (they get new ids)."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ShipcardError(f"{file}: cannot read it as JSON ({exc.__class__.__name__}).",
                            "Pass a file written by `shipcard export`.") from None
    ids = _history().import_(data)
    _echo("imported as " + ", ".join(f"#{i}" for i in ids))


def ask(
    id: IdArg,
    question: Annotated[str, typer.Argument(help="A question about the card.")],
    backend: AskBackendOpt = "ocr",
    model: Annotated[str | None, typer.Option("--model", "-m", help="VLM model for --backend.")] = None,
    escalate: Annotated[bool, typer.Option("--escalate", help="Ask Claude instead (shows what is sent, asks first).")] = False,
    yes: YesOpt = False, claude_model: ClaudeModelOpt = None, claude_timeout: ClaudeTimeoutOpt = 60.0,
    as_json: JsonOpt = False,
) -> None:
    """Answer a question about a saved card from its facts and screenshots, with citations."""
    session = _Session(id, backend, model)
    if escalate:
        found = session.escalated(question, yes, _claude_options(claude_model, claude_timeout))
    else:
        found = session.answer(question)
    session.keep(question, found)
    _print_answer(found, as_json)


def chat(id: IdArg, backend: AskBackendOpt = "ocr",
         model: Annotated[str | None, typer.Option("--model", "-m", help="VLM model for --backend.")] = None) -> None:
    """Ask questions about a saved card, one per line, until end of input or `exit`."""
    session = _Session(id, backend, model)
    tty = sys.stdin.isatty()
    if tty:
        _note(f"Ask about #{id} {session.comparison.title}; `exit` or Ctrl-D ends.")
    while True:
        if tty:
            typer.echo("> ", nl=False)
        line = sys.stdin.readline()
        if not line or line.strip().lower() in ("exit", "quit"):
            break
        if line.strip():
            found = session.answer(line.strip())
            session.keep(line.strip(), found)
            _print_answer(found, False)


def escalate(id: IdArg, yes: YesOpt = False, claude_model: ClaudeModelOpt = None,
             claude_timeout: ClaudeTimeoutOpt = 60.0) -> None:
    """Ask Claude for a second reading of a saved card (shows what is sent and asks first)."""
    from .claude import ClaudeError

    h = _history()
    comparison = h.get(id)
    try:
        merged = _escalate(comparison, h.screen_files(id), h, yes, _claude_options(claude_model, claude_timeout))
    except ClaudeError as exc:
        raise ClaudeError(exc.problem, f"{exc.fix} Card #{id} is saved and unchanged.") from None
    for p in merged.products:
        taken = [f for f, src in p.facts.provenance.items() if src == "claude"]
        redone = [r.reviewer for r in p.reviews if r.source == "claude"]
        _echo(f"{p.facts.name or '?'}: from Claude: {', '.join(taken) or 'no facts'}; reviews: {', '.join(redone) or 'none'}; "
              f"panel {p.panel.verdict} {p.panel.ship} ship / {p.panel.skip} skip")


class _Session:
    """One card, its lines and (for a VLM) its screens, loaded once for a run of questions."""

    def __init__(self, id: int, backend: str, model: str | None):
        self.id, self.history = id, _history()
        self.comparison = self.history.get(id)
        self.lines = self.history.lines(id)
        self.engine = None if backend == "ocr" else _engine(backend, model)
        self.screens = self.history.load_screens(id) if self.engine is not None and self.engine.chats else None

    def answer(self, question: str):
        from .chat import answer

        return answer(self.comparison, question, self.lines, self.engine, self.screens)

    def escalated(self, question: str, yes: bool, options):
        from . import claude

        shots = claude.load_shots(self.comparison, self.history.screen_files(self.id))
        _note(claude.describe(claude.plan(self.comparison, shots, options, question)))
        if not yes and not typer.confirm("Send this to Claude?", default=False, err=True):
            _note("Nothing was sent; answering on the device.")
            return self.answer(question)
        try:
            return claude.ask(self.comparison, question, shots, options)
        except claude.ClaudeError as exc:
            raise claude.ClaudeError(exc.problem, f"{exc.fix} Card #{self.id} is unchanged.") from None

    def keep(self, question: str, found) -> None:
        self.history.add_answer(self.id, question, found.model_dump(), found.source, found.engine)


def _engine(name: str, model: str | None):
    from .backends import BackendOptions, choose

    return choose(name, BackendOptions(model=model))


def _print_answer(found, as_json: bool) -> None:
    from .chat import render

    _echo(found.model_dump_json(indent=2) if as_json else render(found))


def register(app: typer.Typer) -> None:
    """Add the history commands to the `shipcard` app."""
    for fn, name in ((history, "history"), (show, "show"), (vote, "vote"), (bookmark, "bookmark"),
                     (export, "export"), (import_, "import"), (ask, "ask"), (chat, "chat"), (escalate, "escalate")):
        app.command(name)(fn)
