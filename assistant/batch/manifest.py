"""A batch manifest: one comparison per row, read from JSONL or CSV, each row keyed by what makes its card.

JSONL: `{"id": "optional", "products": [["a/landing.png", "a/pricing.png"], ["b.png"]]}` per line; a row with one
product makes that product's verdict card.
CSV: one column per product, a product's paths joined by `;` (a header row is allowed: a first row
whose cells are not files is skipped). Paths are relative to the manifest; a folder stands for its images; an
http(s) URL is captured into OUT/captures/ first (`urls.py`) and stands for its screenshots.

A row's key hashes its images' bytes (in product order), the engine, the model and the rubrics: change
any of them and the row is made again; otherwise a finished row is skipped on the next run.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..capture import is_url
from ..errors import BadInputError
from ..images import expand_inputs
from .urls import Failed, captured_rows


@dataclass(frozen=True)
class Row:
    index: int  # 1-based position in the manifest
    id: str  # the manifest's id, else row-NNNN; also the folder of its card
    products: tuple[tuple[Path, ...], ...]  # image files per product, folders expanded
    key: str = ""  # filled by `keyed`
    error: str | None = None  # the row cannot be made (a missing file...): recorded as failed, never run


def read_manifest(path: Path, out: Path | None = None, capture=None) -> list[Row]:
    """Every row of a JSONL or CSV manifest; a row that cannot be read carries its one-line error.

    With `out`, a URL in a row is captured into OUT/captures/ (`urls.py`, with `capture`'s CaptureOptions)."""
    path = Path(path)
    if not path.is_file():
        raise BadInputError(f"{path}: no such manifest.", "Pass a .jsonl or .csv file (see shipcard batch --help).")
    text = path.read_text(encoding="utf-8-sig")
    raw = list(_csv_rows(text) if path.suffix.lower() == ".csv" else _jsonl_rows(text))
    if path.suffix.lower() == ".csv" and raw and not any((path.parent / c).exists() or is_url(c) for p in raw[0][2]
                                                         for c in p):
        raw = raw[1:]  # a header row
    if out is not None:
        raw = captured_rows(raw, out, capture)
    rows = _unique_ids([_row(i, rid, products, path.parent) for i, rid, products in raw])
    if not rows:
        raise BadInputError(f"{path}: the manifest lists no comparison.", "Add one row per comparison.")
    return rows


def keyed(rows: list[Row], identity: str) -> list[Row]:
    """Rows with their keys: sha256 of the images' bytes per product, plus `identity` (engine, model, rubrics)."""
    return [_with_key(row, identity) for row in rows]


def _with_key(row: Row, identity: str) -> Row:
    if row.error:
        return Row(row.index, row.id, row.products, "error:" + row.id, row.error)
    digest = hashlib.sha256(identity.encode())
    try:
        for product in row.products:
            digest.update(b"|product")
            for file in product:
                digest.update(hashlib.sha256(file.read_bytes()).digest())
    except OSError as exc:
        return Row(row.index, row.id, row.products, "error:" + row.id, f"cannot read {exc.filename}: {exc.strerror}")
    return Row(row.index, row.id, row.products, digest.hexdigest())


def _jsonl_rows(text: str):
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            products = data["products"]
            rid = data.get("id")
        except (ValueError, KeyError, TypeError, AttributeError):
            yield n, None, _Unreadable(f"line {n} is not a JSON object with \"products\"")
            continue
        yield n, None if rid is None else str(rid), products


def _csv_rows(text: str):
    for n, cells in enumerate(csv.reader(io.StringIO(text)), 1):
        cells = [c.strip() for c in cells if c.strip()]
        if cells:
            yield n, None, [c.split(";") for c in cells]


def _row(index: int, rid: str | None, products, base: Path) -> Row:
    name = _safe_id(rid) if rid else f"row-{index:04d}"
    if isinstance(products, (_Unreadable, Failed)):  # a line that is not a row, a URL that could not be captured
        return Row(index, name, (), error=str(products))
    if not isinstance(products, list) or not all(isinstance(p, list) and p for p in products) or not products:
        return Row(index, name, (), error=f"row {index}: \"products\" must be a list of lists of paths")
    try:
        files = tuple(tuple(expand_inputs([base / str(p).strip() for p in product])) for product in products)
    except BadInputError as exc:
        return Row(index, name, (), error=str(exc))
    missing = next((f for product in files for f in product if not f.is_file()), None)
    if missing is not None:
        return Row(index, name, files, error=f"{missing}: no such file.")
    return Row(index, name, files)


class _Unreadable(str):
    """A manifest line that is not a row: its one-line error."""


def _unique_ids(rows: list[Row]) -> list[Row]:
    seen: dict[str, int] = {}
    out = []
    for row in rows:
        n = seen[row.id] = seen.get(row.id, 0) + 1
        out.append(row if n == 1 else Row(row.index, f"{row.id}-{n}", row.products, row.key, row.error))
    return out


def _safe_id(rid: str) -> str:
    """A manifest id as a folder name: letters, digits, '-', '_' and '.' kept, the rest '-'."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", rid).strip(".-")[:80] or "row"
