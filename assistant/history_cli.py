"""CLI commands over the local history: history, show, vote, bookmark, export, import, ask, chat, escalate, fix.

`register(app)` adds them to the main `shipcard` app. What they print and ask is assistant/console.py's.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from .backends.registry import EMBEDDED
from .console import claude_options as _claude_options
from .console import confirm as _confirm
from .console import echo as _echo
from .console import note as _note
from .errors import ShipcardError
from .files import atomic_write, read_regular
from .flags import CLAUDE_TIMEOUT_S, ClaudeModelOpt, ClaudeTimeoutOpt, JsonOpt, ModelOpt, YesOpt
from .sanitize import printable

IdArg = Annotated[int, typer.Argument(help="Card id, as `shipcard history` lists it.")]
AskBackendOpt = Annotated[str, typer.Option(
    "--backend", "-b", help=f"The engine that answers: {EMBEDDED} (the rules, instant), auto, or a name `shipcard doctor` "
    "lists.")]


def _history():
    from .history import History

    return History.default()


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
    session = _session(id, EMBEDDED, None)
    index = session.product_index(product)
    counts = session.vote(index, direction == "up")
    _echo(f"#{id} {session.comparison.products[index].label(index)}: {counts.up} up / {counts.down} down")


def bookmark(id: IdArg, off: Annotated[bool, typer.Option("--off", help="Remove the bookmark.")] = False) -> None:
    """Bookmark a saved card (or remove the bookmark with --off)."""
    _history().bookmark(id, not off)
    _echo(f"#{id} {'unbookmarked' if off else 'bookmarked'}")


def export(
    ids: Annotated[list[int] | None, typer.Argument(help="Card ids to export.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Export every saved card.")] = False,
    out: Annotated[Path | None, typer.Option("--out", help="File to write, or a folder for shipcard-export.json "
                                                "(default: print).")] = None,
    labeled: Annotated[bool, typer.Option("--labeled", help="Write the products a person corrected (`shipcard fix`) "
                                                            "as labeled corpus entries in the --out folder.")] = False,
    force: Annotated[bool, typer.Option("--force", help="--labeled: replace the corpus already in --out.")] = False,
) -> None:
    """Export cards with their screenshots, OCR lines, votes and answers as one JSON file."""
    if not ids and not all_:
        raise ShipcardError("Nothing to export.", "Pass card ids (shipcard export 3 4) or --all.")
    if labeled:
        _export_labeled(ids, all_, out, force)
        return
    data = json.dumps(_history().export(None if all_ else ids))
    if out is None:
        _echo(data)
        return
    if out.is_dir():  # `--out .`: a file of its own in that folder
        out = out / "shipcard-export.json"
    atomic_write(out, data)
    _echo(f"wrote {printable(out)}")


def _export_labeled(ids: list[int] | None, all_: bool, out: Path | None, force: bool) -> None:
    from .history.labeled import export_labeled

    if out is None or (out.exists() and not out.is_dir()):  # a file, /dev/null
        raise ShipcardError("--labeled writes a folder (truth.json, screens/, lines/).",
                            "Pass --out DIR, e.g. shipcard export --all --labeled --out my-labels")
    history = _history()
    written = export_labeled(history, [r.id for r in history.rows()] if all_ else list(ids or []), out, force)
    if not written:
        _note("No corrected products among those cards: correct a field first with `shipcard fix ID FIELD VALUE`.")
    _echo(f"wrote {written} labeled screenshot(s) to {printable(out)}")


def fix(
    id: IdArg,
    field: Annotated[str, typer.Argument(help="name, tagline, category, description, license, open_weights (yes/no), "
                                              "entry or tiers (\"Free=$0, Pro=$20/mo\").")],
    value: Annotated[str, typer.Argument(help="The right value; empty clears the field.")],
    product: Annotated[str, typer.Option("--product", "-p", help="Product: its 1-based index or its name.")] = "1",
    as_json: JsonOpt = False,
) -> None:
    """Correct one field of a saved card; the reviewers judge that product again from the corrected facts."""
    from .session import Session

    session = Session.load(id)
    card = session.fix(product, field, value)
    if as_json:
        _echo(session.comparison.model_dump_json(indent=2))
        return
    name = card.facts.name or "the product"
    _echo(f"card #{id}: {name} {field} set by a person; panel {card.panel.ship} ship / {card.panel.skip} skip, "
          f"{card.panel.ship_pct}% ({card.panel.verdict})")


def import_(file: Annotated[Path, typer.Argument(help="A file written by `shipcard export`.")]) -> None:
    """Import cards from a `shipcard export` file (they get new ids)."""
    from .history.transfer import MAX_IMPORT_BYTES, loads

    raw = read_regular(file, MAX_IMPORT_BYTES, "export file")  # a device or a pipe is refused before any read
    try:
        data = loads(raw)
    except UnicodeDecodeError as exc:
        raise ShipcardError(f"{printable(file)}: cannot read it as JSON ({exc.__class__.__name__}).",
                            "Pass a file written by `shipcard export`.") from None
    ids = _history().import_(data)
    _echo("imported as " + ", ".join(f"#{i}" for i in ids))


def ask(
    id: IdArg,
    question: Annotated[str, typer.Argument(help="A question about the card.")],
    backend: AskBackendOpt = EMBEDDED, model: ModelOpt = None,
    escalate: Annotated[bool, typer.Option("--escalate", help="Ask Claude instead (shows what is sent, asks first).")] = False,
    yes: YesOpt = False, claude_model: ClaudeModelOpt = None, claude_timeout: ClaudeTimeoutOpt = CLAUDE_TIMEOUT_S,
    as_json: JsonOpt = False,
) -> None:
    """Answer a question about a saved card from its facts and screenshots, with citations."""
    session = _session(id, backend, model)
    if not escalate:
        _print_answer(session.ask(question), as_json)
        return
    from .claude import ClaudeError

    confirm = _confirm(yes, "Nothing was sent; answering on the device.")
    try:
        found = session.ask_claude(question, confirm, _claude_options(claude_model, claude_timeout))
    except ClaudeError as exc:
        raise ClaudeError(exc.problem, f"{exc.fix} Card #{id} is unchanged.") from None
    _print_answer(found, as_json)


def chat(id: IdArg, backend: AskBackendOpt = EMBEDDED, model: ModelOpt = None) -> None:
    """Ask questions about a saved card, one per line, until end of input or `exit`."""
    session = _session(id, backend, model)
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
            _print_answer(session.ask(line.strip()), False)


def escalate(id: IdArg, yes: YesOpt = False, claude_model: ClaudeModelOpt = None,
             claude_timeout: ClaudeTimeoutOpt = CLAUDE_TIMEOUT_S) -> None:
    """Ask Claude for a second reading of a saved card (shows what is sent and asks first)."""
    from .claude import ClaudeError

    session = _session(id, EMBEDDED, None)
    try:
        if session.escalate(_confirm(yes), _claude_options(claude_model, claude_timeout)):
            _note(f"updated #{id} with Claude's reading")
    except ClaudeError as exc:
        raise ClaudeError(exc.problem, f"{exc.fix} Card #{id} is saved and unchanged.") from None
    for p in session.comparison.products:
        taken = [f for f, src in p.facts.provenance.items() if src == "claude"]
        redone = [r.reviewer for r in p.reviews if r.source == "claude"]
        _echo(f"{p.facts.name or '?'}: from Claude: {', '.join(taken) or 'no facts'}; reviews: {', '.join(redone) or 'none'}; "
              f"panel {p.panel.verdict} {p.panel.ship} ship / {p.panel.skip} skip")


def _session(id: int, backend: str, model: str | None):
    """A saved card, with `backend` answering questions (EMBEDDED: the rules, instant)."""
    from .session import Session

    return Session.load(id, _history(), backend, model)


def _print_answer(found, as_json: bool) -> None:
    from .chat import render

    _echo(found.model_dump_json(indent=2) if as_json else render(found))


def register(app: typer.Typer) -> None:
    """Add the history commands to the `shipcard` app."""
    for fn, name in ((history, "history"), (show, "show"), (vote, "vote"), (bookmark, "bookmark"),
                     (export, "export"), (import_, "import"), (ask, "ask"), (chat, "chat"), (escalate, "escalate"),
                     (fix, "fix")):
        app.command(name)(fn)
