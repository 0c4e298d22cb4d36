"""What the UI's buttons do, as plain functions of plain values. The layout lives in app.py.

No Gradio here: each action takes and returns ordinary values (and a `Session`), raises
ShipcardError for the person to read, and is testable without a browser.
"""

from __future__ import annotations

import importlib
import json
import logging
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

from PIL import Image

from assistant import session
from assistant.backends import choose, survey
from assistant.card import FORMATS, write_card
from assistant.errors import ShipcardError

log = logging.getLogger(__name__)
Progress = Callable[[str, int, int], None]


class Session(session.Session):
    """One comparison on screen: the shared run/session (assistant.session), plus the card files offered."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.downloads: dict[str, str] = {}  # format → file, written on demand

    @property
    def images(self) -> list[dict[str, Image.Image]]:
        """Per product, its screenshots by name (decoded), to draw evidence boxes on."""
        return [{s.name: s.loaded.image for s in product} for product in self.screens]


# ---- optional parts: present in this build or not, with the reason ---------------------------


def optional(module: str) -> tuple[ModuleType | None, str]:
    """`assistant.<module>` or None with why; a part another engineer ships may be missing."""
    try:
        return importlib.import_module(f"assistant.{module}"), ""
    except ModuleNotFoundError as exc:
        if exc.name == f"assistant.{module}":
            return None, f"this build of shipcard has no assistant.{module}"
        return None, f"it needs the Python package '{exc.name}', which is not installed"


def history():
    """The local history database, or None with the reason it cannot be used."""
    mod, why = optional("history")
    if mod is None:
        return None, why
    try:
        return mod.History.default(), ""
    except ShipcardError as exc:
        return None, str(exc)


# ---- engines ----------------------------------------------------------------------------------


def backend_choices(model: str | None = None) -> list[tuple[str, str]]:
    """Every registered engine as ('NAME: ready', NAME) or ('NAME: unavailable', NAME), best first, after auto."""
    found = survey({"model": model or None})
    auto = next((b.name for b in found if b.usable), None)
    choices = [(f"auto → {auto}" if auto else "auto: no engine can run here", "auto")]
    return choices + [(f"{b.name}: {'ready' if b.usable else 'unavailable'}", b.name) for b in found]


def engines_markdown(model: str | None = None) -> str:
    """What `shipcard doctor` reports, as a short Markdown list."""
    from assistant.doctor import report

    info = report({"model": model or None})
    hw = info["hardware"]
    rows = [f"- **{b['name']}** {'ready' if b['usable'] else 'unavailable'}: {b['reason']}"
            f" (options: {', '.join(o['name'] for o in b['options']) or 'none'})" for b in info["backends"]]
    return "\n".join([f"{hw['cpu']} · {hw['cores']} cores · {hw['ram_gb']} GB RAM · {hw['os']}", "", *rows,
                      "", f"`auto` picks: {info['auto']}"])


def model_choices() -> list[tuple[str, str]]:
    """Known models (installed ones marked), after 'default'; a folder path may also be typed."""
    choices = [("default for the engine", "")]
    try:
        from weights.catalog import entries
    except ImportError:
        return choices
    return choices + [(f"{e.id}{' (installed)' if e.installed else ''}", e.id) for e in entries()]


# ---- compare ----------------------------------------------------------------------------------


# The first card of a process loads the models (the OCR engine, a VLM's weights) and waits on cold disk caches: up to
# two minutes on a busy machine where later cards take seconds. The page says so until this process has made one.
_cards_made = 0
FIRST_RUN = ("**First card since the UI started:** the reading models load first, once; on a busy machine that can "
             "take a minute or two. Later cards take seconds.")


def first_run() -> bool:
    """No card made by this process yet: the next one loads the models."""
    return _cards_made == 0


def button_label(products: Sequence[Sequence[str] | None], urls: str | None = "") -> str:
    """The main button says what it will make: one product's verdict, or a comparison of two or more (a line of
    the URL box is a product too)."""
    count = sum(1 for files in products if files) + sum(1 for line in (urls or "").splitlines() if line.strip())
    return "Verdict" if count == 1 else "Compare"


def run_compare(products: Sequence[Sequence[str]], backend: str, model: str | None, progress: Progress) -> Session:
    """Read, extract and judge each product's screenshots; the run ends as every run does (`Session.finish`): saved
    to the history when it can be. The card files are written after the save, so they carry the card's id."""
    products = [list(files) for files in products if files]
    if not products:  # one product is a verdict card; two or more, a comparison
        raise ShipcardError("Add screenshots of a product first.", "Drop one or more images in a box.")
    global _cards_made
    run = Session.run(products, choose(backend or "auto", {"model": model or None}), None, progress)
    _cards_made += 1
    done = run.finish()
    if done.not_saved:  # the card is still shown; only its history entry is lost
        log.warning("The card was not saved: %s", done.not_saved)
    return run


def url_products(text: str | None, allow_local: bool = False) -> list[list[str]]:
    """The URL box's products, captured: one line per product (its URLs: landing, pricing...), each URL's screenshots
    in a fresh temp folder. Loopback and private addresses only with `shipcard ui --allow-local`."""
    lines = [[u if "://" in u else f"https://{u}" for u in line.split()] for line in (text or "").splitlines()
             if line.strip()]  # 'example.com' is a page, as in a browser's address bar
    if not lines:
        return []
    from assistant.capture import resolve
    from assistant.capture.browser import CaptureOptions

    folder = Path(tempfile.mkdtemp(prefix="shipcard-capture-"))
    return [[str(p) for p in product] for product in resolve(lines, folder, CaptureOptions(allow_local=allow_local))]


def card_files(session: Session) -> dict[str, str]:
    """The card as HTML, Markdown, JSON and PNG in a fresh temp folder (Gradio serves them from its cache); written
    once per state of the card, and the page shows the HTML written here (`card_html`), not a second rendering."""
    if not session.downloads:
        out = Path(tempfile.mkdtemp(prefix="shipcard-card-"))
        stem = _slug(session.comparison.title)
        session.downloads = {p.suffix[1:]: str(p) for p in write_card(session.comparison, out, list(FORMATS), stem)}
    return session.downloads


def card_html(session: Session) -> str:
    """The card's HTML as written to its download file."""
    return Path(card_files(session)["html"]).read_text(encoding="utf-8")


def _slug(title: str) -> str:
    kept = "".join(ch.lower() if ch.isalnum() else "-" for ch in title)
    return "-".join(part for part in kept.split("-") if part)[:60] or "card"


# ---- history, votes, bookmarks ----------------------------------------------------------------


def history_rows(bookmarked_only: bool = False) -> tuple[list[list], str]:
    """Table rows of past comparisons (newest first) and a note (why history is off, or how many)."""
    db, why = history()
    if db is None:
        return [], f"History is unavailable: {why}."
    rows = [r for r in db.rows() if r.bookmarked or not bookmarked_only]
    table = [[r.id, r.created_at.replace("T", " ")[:16], r.title, _verdicts(r), r.backend, "★" if r.bookmarked else ""]
             for r in rows]
    return table, f"{len(rows)} saved comparison{'s' if len(rows) != 1 else ''}."


def _verdicts(row) -> str:
    return " · ".join(f"{p.name or 'Unnamed'} {p.verdict} {p.ship}/{p.ship + p.skip}" for p in row.products)


def load_saved(card_id: int) -> Session:
    db, why = history()
    if db is None:
        raise ShipcardError(f"History is unavailable: {why}.")
    return Session.load(int(card_id), db)


def is_bookmarked(session: Session) -> bool:
    return session.bookmarked()


def set_bookmark(session: Session, on: bool) -> None:
    session.bookmark(on)


def vote(session: Session, product_index: int, up: bool) -> None:
    """Record a vote and put the new counts on the card (the downloads are rewritten next time)."""
    session.vote(product_index, up)
    session.downloads = {}


def fixable_fields() -> list[str]:
    """The fields a person can correct (assistant.corrections), or none when this build lacks it."""
    corrections, _ = optional("corrections")
    return list(corrections.FIXABLE) if corrections else []


def fix(session: Session, product_index: int, field: str, value: str) -> str:
    """A person's correction of one field; the card is judged again and saved. Returns a one-line note."""
    corrections, why = optional("corrections")
    if corrections is None:
        raise ShipcardError(f"Corrections are unavailable: {why}.")
    if not field:
        raise ShipcardError("Pick a field to fix.", f"One of: {', '.join(corrections.FIXABLE)}.")
    card = session.fix(int(product_index), field, value or "")
    session.downloads = {}  # the files of the old card are stale
    ship = sum(r.verdict == "ship" for r in card.reviews)
    return f"{card.label(int(product_index))}: {field} set by you; reviewers now say ship {ship}/{len(card.reviews)}."


def facts_summary(session: Session) -> str:
    """The facts JSON of every product, as would be shown before sending anything off the device."""
    return json.dumps([p.facts.model_dump(exclude={"evidence"}) for p in session.comparison.products], indent=2)
