"""What the CLI says and asks, shared by its commands: one-line notes, Claude's consent, and the end of a run.

`finish` is how every CLI command that makes a card ends it (escalate when asked, then `Session.finish`:
the card files, then the history), so `compare`, `verdict`, `add` and `demo` end alike.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console

from .card.text import verdict_word
from .errors import ShipcardError
from .flags import CLAUDE_TIMEOUT_S
from .sanitize import printable, redact

if TYPE_CHECKING:
    from rich.progress import TaskID


def _piped() -> bool:
    """stdout is a file or a pager, and no width was asked for (COLUMNS): rich would wrap at 80 columns there."""
    try:
        return not sys.stdout.isatty() and not os.environ.get("COLUMNS")
    except (AttributeError, ValueError):  # a closed or replaced stream
        return True


# To a terminal, lines wrap at its width; to a file or a pager, a line stays one line (grep and less -S read it whole).
out = Console(soft_wrap=_piped())
if _piped() and not os.environ.get("TERMINAL_WIDTH"):
    import typer.rich_utils

    typer.rich_utils.MAX_WIDTH = 120  # `--help | less`: its option panels drawn wide, not at 80 columns


class StageProgress:
    """A rich progress bar per stage, on stderr so --json output stays clean; `(stage, done, total)` moves it."""

    def __init__(self, enabled: bool, lines: bool = False):
        """`lines`: where the bar is off (stderr is a file), one line per step instead, for runs of minutes."""
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        self.lines = lines and not enabled

        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                            TimeElapsedColumn(), console=Console(stderr=True), transient=True, disable=not enabled)
        self.tasks: dict[str, TaskID] = {}

    def __enter__(self):
        self.bar.__enter__()
        return self

    def __exit__(self, *exc):
        return self.bar.__exit__(*exc)

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.lines:
            note(f"{stage}: {done}/{total}")
            return
        if stage not in self.tasks:
            self.tasks[stage] = self.bar.add_task(stage, total=total)
        self.bar.update(self.tasks[stage], completed=done, total=total)


def echo(text: str) -> None:
    typer.echo(printable(text))  # titles, names and answers come from pages and imports: no escapes reach the terminal


def note(text: str) -> None:
    typer.echo(printable(text), err=True)


def plain(text: object) -> str:
    """Page text for a rich console: no escapes, no markup."""
    from rich.markup import escape

    return escape(printable(text))


def claude_options(model: str | None, timeout: float = CLAUDE_TIMEOUT_S):
    from .claude import ClaudeOptions

    return ClaudeOptions(timeout_s=timeout, **({"model": model} if model else {}))


def confirm(yes: bool, declined: str = "Nothing was sent."):
    """What `Session.escalate`/`ask_claude` call before sending: print what goes, then ask (unless --yes)."""
    def ask(description: str) -> bool:
        note(description)
        if yes or typer.confirm("Send this to Claude?", default=False, err=True):
            return True
        note(declined)
        return False

    return ask


# ---- the end of a run ---------------------------------------------------------------------------


def finish(session, out_dir: Path, formats: list[str], save: bool = True, escalate: bool = False, yes: bool = False,
           claude_model: str | None = None, claude_timeout: float = CLAUDE_TIMEOUT_S) -> list[Path]:
    """Escalate when asked, then `Session.finish` (card files, then the history); say what became of it."""
    if escalate:
        escalate_run(session, yes, claude_model, claude_timeout)
    done = session.finish(out_dir, formats, save)
    if done.saved is not None:
        note(f"saved as #{done.saved}")
    elif done.not_saved:
        note(f"not saved: {done.not_saved}")
    if not escalate:
        suggest(session.comparison)
    return done.written


def escalate_run(session, yes: bool = False, claude_model: str | None = None,
                 claude_timeout: float = CLAUDE_TIMEOUT_S) -> None:
    """Ask Claude for a second reading of a fresh card (shows what is sent, asks first); a fault only warns."""
    try:
        session.escalate(confirm(yes), claude_options(claude_model, claude_timeout))
    except ShipcardError as exc:
        note(f"error: {exc} The local card stands.")


def suggest(comparison) -> None:
    """A tip naming weak fields, and the command that asks Claude about them."""
    weak = {p.label(i): p.facts.weak_fields() for i, p in enumerate(comparison.products)}
    weak = {k: v for k, v in weak.items() if v}
    if weak:
        what = "; ".join(f"{k}: {', '.join(v)}" for k, v in weak.items())
        how = f"shipcard escalate {comparison.id}" if comparison.id else "--escalate"
        note(f"tip: some fields are missing or uncertain ({what}); `{how}` can ask Claude (sends the screenshots).")


def name_doubt(facts, product: int | None = None, card_id: int | None = None) -> str | None:
    """One line when the page does not show the product's name surely: what the card says, and how to set it."""
    from .card.text import name_note

    said = name_note(facts)
    if not said:
        return None
    where = f"product {product}: " if product else ""
    if card_id is None:
        return f"{where}{said}."
    return f"{where}{said}. Set it: shipcard fix {card_id}{f' --product {product}' if product else ''} name \"…\""


def doubts(comparison) -> None:
    for i, p in enumerate(comparison.products):
        line = name_doubt(p.facts, i + 1 if len(comparison.products) > 1 else None, comparison.id)
        if line:
            note(line)


def summary(comparison, written: list[Path]) -> None:
    out.print(f"[bold]{plain(comparison.title)}[/bold]", highlight=False)
    doubts(comparison)
    for p in comparison.products:
        scores = "  ".join(f"{r.reviewer.capitalize()} {r.score} {r.verdict}" for r in p.reviews)
        out.print(f"  {plain(p.facts.name or 'Unnamed')}: {verdict_word(p)} · {p.panel.ship} ship / "
                  f"{p.panel.skip} skip, {p.panel.ship_pct}% · entry {plain(p.facts.pricing.entry or '—')} · "
                  f"{plain(scores)}", highlight=False)
    for path in written:
        out.print(f"  wrote {plain(path)}", highlight=False)


class _Printable(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return printable(redact(super().format(record)))  # a logged URL or server reply may hold a key


def log_to_stderr(verbose: bool) -> None:
    """Every command's log: one printable, redacted line per record on stderr (INFO with --verbose)."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s", stream=sys.stderr)
    for handler in logging.getLogger().handlers:
        handler.setFormatter(_Printable("%(message)s"))
