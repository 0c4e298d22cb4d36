"""What the history hands back (listing rows, saved answers) and how OCR lines are kept in a row."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from datetime import datetime, timezone

from pydantic import BaseModel, Field

from ..datamodel import OcrLine


class ProductRow(BaseModel):
    index: int = Field(description="1-based, as `shipcard vote ID INDEX` takes it.")
    name: str | None
    entry: str | None
    verdict: str | None
    ship: int
    skip: int
    up: int = 0
    down: int = 0


class HistoryRow(BaseModel):
    """One saved comparison, as `shipcard history --json` lists it."""

    id: int
    created_at: str
    title: str
    backend: str
    model: str | None
    bookmarked: bool
    answers: int
    products: list[ProductRow]


class SavedAnswer(BaseModel):
    id: int
    created_at: str
    question: str
    answer: dict
    source: str
    engine: str | None


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def lines_json(lines: Sequence[OcrLine]) -> str:
    return json.dumps([{"text": ln.text, "box": list(ln.box), "confidence": ln.confidence} for ln in lines])


def lines_from(raw: str, image: str) -> list[OcrLine]:
    """A row's OCR lines; a damaged list, or a damaged line in it, is skipped (the card still opens)."""
    try:
        found = json.loads(raw)
    except (ValueError, TypeError, RecursionError):
        return []
    if not isinstance(found, list):
        return []
    return [line for d in found if (line := _line(d, image)) is not None]


def _line(d: object, image: str) -> OcrLine | None:
    if not isinstance(d, dict):
        return None
    try:
        x0, y0, x1, y1 = (float(v) for v in d["box"])  # not four numbers: ValueError
        line = OcrLine(text=str(d["text"]), box=(x0, y0, x1, y1), confidence=float(d["confidence"]), image=image)
    except (KeyError, TypeError, ValueError):
        return None
    return line if all(math.isfinite(v) for v in (*line.box, line.confidence)) else None
