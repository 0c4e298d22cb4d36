"""Export cards (with votes, answers, OCR lines and image bytes) to one JSON document, and import one.

Each function takes the `History` it works on (not imported here: `db` imports this module).
An import file is hostile until checked: its shape is capped first (depth, size, finite numbers), then every
part is validated by the models below (unknown keys refused); it carries image bytes checked against their
sha256 and sniffed as an allowed image, never a path (older exports carried a `source_path`, which is
ignored), file names are cleaned, and it goes in whole or not at all.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import io
import json
import logging
import math
import re
import sqlite3
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..datamodel import Comparison
from ..errors import ShipcardError
from ..sanitize import clean_name
from .rows import lines_from, now
from .schema import SCHEMA_VERSION
from .store import stored_name

log = logging.getLogger(__name__)
EXPORT_FORMAT = "shipcard-history"
MAX_IMPORT_BYTES = 1024 * 2**20  # an export file; its images are base64
MAX_DEPTH = 40  # a card nests about 10 deep; deeper is an attack on the parser
MAX_TEXT = 200_000  # characters in any one string but an image
MAX_NODES = 5_000_000  # values in the whole document
MAX_CARDS = 1000
MAX_PRODUCTS = 16
MAX_SCREENS = 64  # per product
MAX_LINES = 20_000  # per screenshot
REVIEWER_ID = r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$"
_EXTS = {"PNG": ".png", "JPEG": ".jpg", "WEBP": ".webp", "GIF": ".gif"}
_STRICT = ConfigDict(extra="forbid")


class _Line(BaseModel):
    model_config = _STRICT

    text: str = Field(max_length=4000)
    box: tuple[float, float, float, float]
    confidence: float = Field(ge=0, le=1)

    @field_validator("box")
    @classmethod
    def _finite(cls, box):
        if not all(math.isfinite(v) for v in box):
            raise ValueError("box values must be finite numbers")
        return box


class _ExportScreen(BaseModel):
    """One screenshot of an export: its bytes, never a path (an old export's `source_path` is ignored)."""

    model_config = _STRICT

    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    name: str = Field(max_length=255)
    ext: str = ".png"
    lines: list[_Line] = Field(default_factory=list, max_length=MAX_LINES)
    image_b64: str | None = None
    source_path: str | None = Field(None, exclude=True, description="Ignored: imports never read a path.")

    @field_validator("name")
    @classmethod
    def _clean(cls, name: str) -> str:
        return clean_name(name)


class _Vote(BaseModel):
    model_config = _STRICT

    product_idx: int = Field(ge=0, lt=MAX_PRODUCTS)
    up: bool
    created_at: str = Field(default_factory=now, max_length=64)


class _Answer(BaseModel):
    model_config = _STRICT

    created_at: str = Field(max_length=64)
    question: str = Field(max_length=MAX_TEXT)
    answer: dict
    source: Literal["device", "claude"]
    engine: str | None = Field(None, max_length=200)

    @field_validator("answer")
    @classmethod
    def _answer(cls, answer: dict) -> dict:
        from ..chat import Answer

        return Answer.model_validate(answer).model_dump()


class _ExportCard(BaseModel):
    model_config = _STRICT

    created_at: str = Field(max_length=64)
    backend: str = Field(max_length=64)
    model: str | None = Field(None, max_length=1000)
    bookmarked: bool = False
    comparison: Comparison
    screens: list[list[_ExportScreen]] = Field(default_factory=list)
    votes: list[_Vote] = Field(default_factory=list)
    answers: list[_Answer] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self):
        n = len(self.comparison.products)
        if not 1 <= n <= MAX_PRODUCTS:
            raise ValueError(f"a card holds 1 to {MAX_PRODUCTS} products, not {n}")
        if len(self.screens) > n or any(len(p) > MAX_SCREENS for p in self.screens):
            raise ValueError(f"more screenshot lists than products, or over {MAX_SCREENS} screenshots for one")
        if any(v.product_idx >= n for v in self.votes):
            raise ValueError("a vote names a product the card does not have")
        reviewers = {r.reviewer for p in self.comparison.products for r in p.reviews}
        if any(not re.match(REVIEWER_ID, r) for r in reviewers):
            raise ValueError("a reviewer id is not letters, digits, '_', '-' or '.'")
        return self


class _Export(BaseModel):
    model_config = _STRICT

    format: str
    version: int
    cards: list[_ExportCard] = Field(max_length=MAX_CARDS)


# ---- export -----------------------------------------------------------------------------------


def export(history, ids: Sequence[int] | None = None, images: bool = True) -> dict:
    """A JSON-ready dict of the given cards (all when None), with votes, answers, OCR lines and images."""
    if ids is not None:
        cards = [_export_card(history, cid, images) for cid in ids]
    else:  # every card: a damaged one is left out with one line, the others are exported
        cards = [card for r in reversed(history.rows()) if (card := _export_or_skip(history, r.id, images))]
    return _Export(format=EXPORT_FORMAT, version=SCHEMA_VERSION, cards=cards).model_dump(mode="json")


def _export_or_skip(history, cid: int, images: bool) -> _ExportCard | None:
    try:
        return _export_card(history, cid, images)
    except ShipcardError as exc:
        log.warning("export: card #%s left out: %s", cid, exc)
        return None


def _export_card(history, cid: int, images: bool) -> _ExportCard:
    meta = history.meta(cid)
    with history._tx() as db:
        votes = db.execute("SELECT product_idx, up, created_at FROM votes WHERE comparison_id = ? ORDER BY id",
                           (cid,)).fetchall()
    try:  # the same checks as an import, so what is exported imports again
        return _ExportCard(
            created_at=meta["created_at"], backend=meta["backend"], model=meta["model"], bookmarked=meta["bookmarked"],
            comparison=history.get(cid).model_copy(update={"id": None}),
            screens=[[_export_screen(history, s, images) for s in product] for product in history._screen_rows(cid)],
            votes=[dict(v) for v in votes],
            answers=[a.model_dump(exclude={"id"}) for a in history.answers(cid)],
        )
    except ValidationError as exc:
        raise ShipcardError(f"Card #{cid} cannot be exported ({exc.errors()[0]['msg'][:120]}).",
                            "The other cards are unaffected.") from None


def _export_screen(history, s: sqlite3.Row, images: bool) -> _ExportScreen:
    path = history.store.file(s["stored"])
    data = base64.b64encode(path.read_bytes()).decode() if images and path is not None else None
    return _ExportScreen(sha256=s["sha256"], name=s["name"], ext=path.suffix if path else ".png",
                         lines=[_Line(text=ln.text, box=ln.box, confidence=ln.confidence)
                                for ln in lines_from(s["lines"], s["name"])], image_b64=data)


# ---- import -----------------------------------------------------------------------------------


def import_(history, data: object) -> list[int]:
    """Add the cards of an export; returns their new ids. All or nothing: on any fault nothing is kept."""
    parsed = _parse(data)
    new_files: list = []
    try:
        stored = [[_import_image(history, s, new_files) for s in product]
                  for card in parsed.cards for product in card.screens]
        ids, k = [], 0
        with history._tx(write=True) as db:
            for card in parsed.cards:
                ids.append(_insert_card(history, db, card, stored[k:k + len(card.screens)]))
                k += len(card.screens)
    except BaseException:
        for path in new_files:  # images copied in for this import only
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        raise
    return ids


def loads(text: str | bytes) -> object:
    """Parse an export file's text: NaN and Infinity are refused, nesting is capped before the parser recurses."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    depth = max_depth(text)
    if depth > MAX_DEPTH:
        raise ShipcardError(f"Not a shipcard export (nested {depth} deep, over the import limit of {MAX_DEPTH}).",
                            "Pass a file written by `shipcard export`.")
    try:
        return json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError) as exc:
        raise ShipcardError(f"Not a shipcard export (not JSON: {str(exc)[:80]}).",
                            "Pass a file written by `shipcard export`.") from None


_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[{\]}]')  # a whole string (skipped), or a bracket


def max_depth(text: str) -> int:
    """How deep [ and { nest outside strings (a linear scan: no recursion)."""
    depth = deepest = 0
    for m in _TOKENS.finditer(text):
        tok = m.group()
        if tok in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif tok in "]}":
            depth -= 1
    return deepest


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number an export may hold")


def _parse(data: object) -> _Export:
    _check_shape(data)
    try:
        parsed = _Export.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])[:120]
        raise ShipcardError(f"Not a shipcard export ({where}: {first['msg'][:160]}).",
                            "Pass a file written by `shipcard export`.") from None
    if parsed.format != EXPORT_FORMAT:
        raise ShipcardError("Not a shipcard export.", "Pass a file written by `shipcard export`.")
    return parsed


def _check_shape(data: object) -> None:
    """Depth, size and finite numbers, checked without recursion before any model sees the data."""
    stack, nodes = [(data, 1)], 0
    while stack:
        value, depth = stack.pop()
        nodes += 1
        problem = _shape_problem(value, depth, nodes)
        if problem:
            raise ShipcardError(f"Not a shipcard export ({problem}).", "Pass a file written by `shipcard export`.")
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for k, v in value.items() if k != "image_b64")
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)


def _shape_problem(value: object, depth: int, nodes: int) -> str | None:
    if depth > MAX_DEPTH:
        return f"nested over the import limit of {MAX_DEPTH}"
    if nodes > MAX_NODES:
        return f"over the import limit of {MAX_NODES} values"
    if isinstance(value, float) and not math.isfinite(value):
        return "a number is NaN or infinite"
    if isinstance(value, str) and len(value) > MAX_TEXT:
        return f"a text is over the import limit of {MAX_TEXT} characters"
    if isinstance(value, dict) and not all(isinstance(k, str) for k in value):
        return "a key is not text"
    return None


def _insert_card(history, db: sqlite3.Connection, card: _ExportCard, stored: list[list[str | None]]) -> int:
    cid = history._insert(db, card.comparison, card.created_at, card.backend, card.model, card.bookmarked)
    for p, product in enumerate(card.screens):
        for i, s in enumerate(product):
            db.execute("INSERT INTO screens (comparison_id, product_idx, position, sha256, name,"
                       " stored, lines) VALUES (?,?,?,?,?,?,?)",
                       (cid, p, i, s.sha256, s.name, stored[p][i], json.dumps([ln.model_dump() for ln in s.lines])))
    for v in card.votes:
        db.execute("INSERT INTO votes (comparison_id, product_idx, up, created_at) VALUES (?,?,?,?)",
                   (cid, v.product_idx, int(v.up), v.created_at))
    for a in card.answers:
        db.execute("INSERT INTO answers (comparison_id, created_at, question, answer, source, engine)"
                   " VALUES (?,?,?,?,?,?)", (cid, a.created_at, a.question, json.dumps(a.answer), a.source, a.engine))
    return cid


def _import_image(history, s: _ExportScreen, new_files: list) -> str | None:
    """Store a screenshot's bytes: valid base64, the stated sha256, an allowed image; the suffix comes from its bytes."""
    from ..images import MAX_FILE_BYTES

    if not s.image_b64:
        return None
    if len(s.image_b64) > MAX_FILE_BYTES * 4 // 3 + 4:
        raise ShipcardError(f"Screenshot {s.name} in the export is over {MAX_FILE_BYTES // 2**20} MiB.",
                            "Export the card again.")
    try:
        raw = base64.b64decode(s.image_b64, validate=True)
    except (binascii.Error, ValueError):
        raise ShipcardError(f"Screenshot {s.name} in the export is damaged (not base64).", "Export the card again.") from None
    if hashlib.sha256(raw).hexdigest() != s.sha256:
        raise ShipcardError(f"Screenshot {s.name} in the export is damaged (hash mismatch).", "Export the card again.")
    ext = _sniff(s.name, raw)
    target = history.store.home / stored_name(s.sha256, ext)
    if not target.exists():
        new_files.append(target)
    return history.store.keep_bytes(s.sha256, ext, raw)


def _sniff(name: str, raw: bytes) -> str:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(raw)) as img:
            fmt = img.format
    except (UnidentifiedImageError, OSError, ValueError):
        fmt = None
    if fmt not in _EXTS:
        raise ShipcardError(f"Screenshot {name} in the export is not a PNG, JPEG, WebP or GIF image.",
                            "Export the card again.")
    return _EXTS[fmt]
