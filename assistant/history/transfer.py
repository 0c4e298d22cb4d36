"""Export cards (with votes, answers, OCR lines and image bytes) to one JSON document, and import one.

Each function takes the `History` it works on (not imported here: `db` imports this module).
An import file is untrusted: it carries image bytes checked against their sha256, never a path (older
exports carried a `source_path`, which is ignored), and it goes in whole or not at all.
"""

from __future__ import annotations

import base64
import hashlib
import json
import sqlite3
from collections.abc import Sequence

from pydantic import BaseModel, Field, ValidationError

from ..datamodel import Comparison
from ..errors import ShipcardError
from .rows import now
from .schema import SCHEMA_VERSION

EXPORT_FORMAT = "shipcard-history"


class _ExportScreen(BaseModel):
    """One screenshot of an export: its bytes, never a path."""

    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    name: str = Field(max_length=255)
    ext: str = ".png"
    lines: list[dict] = Field(default_factory=list)
    image_b64: str | None = None


class _ExportCard(BaseModel):
    created_at: str
    backend: str
    model: str | None = None
    bookmarked: bool = False
    comparison: Comparison
    screens: list[list[_ExportScreen]] = Field(default_factory=list)
    votes: list[dict] = Field(default_factory=list)
    answers: list[dict] = Field(default_factory=list)


class _Export(BaseModel):
    format: str
    version: int
    cards: list[_ExportCard]


# ---- export -----------------------------------------------------------------------------------


def export(history, ids: Sequence[int] | None = None, images: bool = True) -> dict:
    """A JSON-ready dict of the given cards (all when None), with votes, answers, OCR lines and images."""
    ids = list(ids) if ids is not None else [r.id for r in reversed(history.rows())]
    cards = [_export_card(history, cid, images) for cid in ids]
    return _Export(format=EXPORT_FORMAT, version=SCHEMA_VERSION, cards=cards).model_dump(mode="json")


def _export_card(history, cid: int, images: bool) -> _ExportCard:
    meta = history.meta(cid)
    with history._tx() as db:
        votes = db.execute("SELECT product_idx, up, created_at FROM votes WHERE comparison_id = ? ORDER BY id",
                           (cid,)).fetchall()
    return _ExportCard(
        created_at=meta["created_at"], backend=meta["backend"], model=meta["model"], bookmarked=meta["bookmarked"],
        comparison=history.get(cid).model_copy(update={"id": None}),
        screens=[[_export_screen(history, s, images) for s in product] for product in history._screen_rows(cid)],
        votes=[dict(v) for v in votes],
        answers=[a.model_dump(exclude={"id"}) for a in history.answers(cid)],
    )


def _export_screen(history, s: sqlite3.Row, images: bool) -> _ExportScreen:
    path = history.store.file(s["stored"])
    data = base64.b64encode(path.read_bytes()).decode() if images and path is not None else None
    return _ExportScreen(sha256=s["sha256"], name=s["name"], ext=path.suffix if path else ".png",
                         lines=json.loads(s["lines"]), image_b64=data)


# ---- import -----------------------------------------------------------------------------------


def import_(history, data: dict) -> list[int]:
    """Add the cards of an export; returns their new ids. All or nothing (one transaction)."""
    parsed = _parse(data)
    stored = [[_import_image(history, s) for s in product] for card in parsed.cards for product in card.screens]
    ids, k = [], 0
    with history._tx(write=True) as db:
        for card in parsed.cards:
            ids.append(_insert_card(history, db, card, stored[k:k + len(card.screens)]))
            k += len(card.screens)
    return ids


def _parse(data: dict) -> _Export:
    try:
        parsed = _Export.model_validate(data)
    except ValidationError as exc:
        raise ShipcardError(f"Not a shipcard export ({exc.errors()[0]['msg']}).",
                            "Pass a file written by `shipcard export`.") from None
    if parsed.format != EXPORT_FORMAT:
        raise ShipcardError("Not a shipcard export.", "Pass a file written by `shipcard export`.")
    return parsed


def _insert_card(history, db: sqlite3.Connection, card: _ExportCard, stored: list[list[str | None]]) -> int:
    cid = history._insert(db, card.comparison, card.created_at, card.backend, card.model, card.bookmarked)
    for p, product in enumerate(card.screens):
        for i, s in enumerate(product):
            db.execute("INSERT INTO screens (comparison_id, product_idx, position, sha256, name,"
                       " stored, lines) VALUES (?,?,?,?,?,?,?)",
                       (cid, p, i, s.sha256, s.name, stored[p][i], json.dumps(s.lines)))
    for v in card.votes:
        db.execute("INSERT INTO votes (comparison_id, product_idx, up, created_at) VALUES (?,?,?,?)",
                   (cid, v["product_idx"], int(v["up"]), v.get("created_at") or now()))
    for a in card.answers:
        db.execute("INSERT INTO answers (comparison_id, created_at, question, answer, source, engine)"
                   " VALUES (?,?,?,?,?,?)", (cid, a["created_at"], a["question"], json.dumps(a["answer"]),
                                              a["source"], a.get("engine")))
    return cid


def _import_image(history, s: _ExportScreen) -> str | None:
    if not s.image_b64:
        return None
    raw = base64.b64decode(s.image_b64)
    if hashlib.sha256(raw).hexdigest() != s.sha256:
        raise ShipcardError(f"Screenshot {s.name} in the export is damaged (hash mismatch).", "Export the card again.")
    return history.store.keep_bytes(s.sha256, s.ext, raw)
