"""A batch manifest: one comparison per row, read from JSONL or CSV, each row keyed by what makes its card.

JSONL: `{"id": "optional", "products": [["a/landing.png", "a/pricing.png"], ["b.png"]]}` per line; a row with one
product makes that product's verdict card.
CSV: one column per product, a product's paths joined by `;` (a header row is allowed: a first row
whose cells are not files is skipped). Paths are relative to the manifest; a folder stands for its images.
The format, for people: docs/batch.md.

A manifest is untrusted: it is read only when it is a regular file under MAX_MANIFEST_BYTES, as UTF-8. A row
may name only regular image files inside the manifest's folder (links resolved first), each under the image
size limit, checked from the file system before any byte is read; `allow_outside` (--allow-outside) lifts the
folder rule. An http(s) URL is captured into OUT/captures/ first (`urls.py`) and stands for
its screenshots (that folder counts as inside). A row id becomes a safe folder name that never collides with the batch's own files.

A row's key hashes its images' bytes (in product order), the engine, the model and the rubrics: change
any of them and the row is made again; otherwise a finished row is skipped on the next run.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from ..capture import is_url
from ..errors import BadInputError
from ..files import read_regular
from ..images import MAX_FILE_BYTES, expand_inputs
from ..sanitize import printable
from .urls import Failed, captured_rows

MAX_MANIFEST_BYTES = 16 * 2**20  # ~100,000 rows; a manifest is a list of paths
RESERVED = {"results.jsonl", "summary.json", ".journal.jsonl", ".lock"}  # the batch's own files in DIR (runner.py)


@dataclass(frozen=True)
class Row:
    index: int  # 1-based position in the manifest
    id: str  # the manifest's id, else row-NNNN; also the folder of its card
    products: tuple[tuple[Path, ...], ...]  # image files per product, folders expanded
    key: str = ""  # filled by `keyed`
    error: str | None = None  # the row cannot be made (a missing file...): recorded as failed, never run


def read_manifest(path: Path, allow_outside: bool = False, out: Path | None = None, capture=None) -> list[Row]:
    """Every row of a JSONL or CSV manifest; a row that cannot be read carries its one-line error.

    A manifest none of whose lines is a row (not JSONL, nested past the parser) is refused as a whole. With `out`,
    a URL in a row is captured into OUT/captures/ (`urls.py`, with `capture`'s CaptureOptions)."""
    path = Path(path)
    if not os.path.lexists(path):
        raise BadInputError(f"{printable(path)}: no such manifest.", "Pass a .jsonl or .csv file (see docs/batch.md).")
    text = _text(path)
    raw = list(_csv_rows(text) if path.suffix.lower() == ".csv" else _jsonl_rows(text))
    if path.suffix.lower() == ".csv" and raw and not any((path.parent / c).exists() or is_url(c) for p in raw[0][2]
                                                         for c in p):
        raw = raw[1:]  # a header row
    if raw and all(isinstance(products, _Unreadable) for _, _, products in raw):
        raise BadInputError(f"{printable(path)}: not a manifest ({raw[0][2]}).", "See docs/batch.md for the format.")
    inside: tuple[Path, ...] = (Path(os.path.realpath(path.parent)),)
    if out is not None:
        raw = captured_rows(raw, out, capture)
        inside += (Path(os.path.realpath(out / "captures")),)  # where URL rows' screenshots were captured
    rows = _unique_ids([_row(i, rid, products, path.parent, None if allow_outside else inside)
                        for i, rid, products in raw])
    if not rows:
        raise BadInputError(f"{printable(path)}: the manifest lists no comparison.", "Add one row per comparison.")
    return rows


def _text(path: Path) -> str:
    data = read_regular(path, MAX_MANIFEST_BYTES, "manifest")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInputError(f"{printable(path)}: not UTF-8 text (byte {exc.start}).",
                            "Save the manifest as UTF-8 (see docs/batch.md).") from None


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
            for file in product:  # checked before read: a regular file under the image limit, read with a bound
                digest.update(hashlib.sha256(read_regular(file, MAX_FILE_BYTES, "screenshot")).digest())
    except BadInputError as exc:
        return Row(row.index, row.id, row.products, "error:" + row.id, str(exc))
    return Row(row.index, row.id, row.products, digest.hexdigest())


def _jsonl_rows(text: str):
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            products = data["products"]
            rid = data.get("id")
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):  # RecursionError: [[[[... deep
            yield n, None, _Unreadable(f"line {n} is not a JSON object with \"products\"")
            continue
        yield n, None if rid is None else str(rid), products


def _csv_rows(text: str):
    for n, cells in enumerate(csv.reader(io.StringIO(text)), 1):
        cells = [c.strip() for c in cells if c.strip()]
        if cells:
            yield n, None, [c.split(";") for c in cells]


def _row(index: int, rid: str | None, products, base: Path, inside: tuple[Path, ...] | None) -> Row:
    """One row; `inside`: the folders every path must resolve into (None: --allow-outside)."""
    name = _safe_id(rid) if rid else f"row-{index:04d}"
    if isinstance(products, (_Unreadable, Failed)):  # a line that is not a row, a URL that could not be captured
        return Row(index, name, (), error=str(products))
    if not isinstance(products, list) or not all(isinstance(p, list) and p for p in products) or not products:
        return Row(index, name, (), error=f"row {index}: \"products\" must be a list of lists of paths")
    try:
        named: list[list[str | Path]] = [[base / str(p).strip() for p in product] for product in products]
        for path in (Path(p) for product in named for p in product):
            _inside(path, inside)  # before a folder is listed
        files = tuple(tuple(expand_inputs(product)) for product in named)
        for path in (f for product in files for f in product):
            _inside(path, inside)  # a link in a listed folder, too
            _regular(path)
    except BadInputError as exc:
        return Row(index, name, (), error=str(exc))
    except (OSError, ValueError) as exc:  # a path too long, a NUL in it
        return Row(index, name, (), error=f"row {index}: a path cannot be used ({exc.__class__.__name__}).")
    return Row(index, name, files)


def _inside(path: Path, folders: tuple[Path, ...] | None) -> None:
    if folders is None:
        return
    real = os.path.realpath(path)
    if not any(real == str(f) or real.startswith(str(f) + os.sep) for f in folders):
        raise BadInputError(f"{printable(path)}: outside the manifest's folder.",
                            "Move the screenshots beside the manifest, or pass --allow-outside.")


def _regular(path: Path) -> None:
    """A regular file under the image limit, from stat alone (nothing is opened here)."""
    try:
        st = os.stat(path)
    except OSError:
        raise BadInputError(f"{printable(path)}: no such file.") from None
    if not stat.S_ISREG(st.st_mode):
        raise BadInputError(f"{printable(path)}: not a regular file.", "Name screenshot files, or folders of them.")
    if st.st_size > MAX_FILE_BYTES:
        raise BadInputError(f"{printable(path)}: {st.st_size // 2**20} MiB, over the {MAX_FILE_BYTES // 2**20} MiB "
                            "image limit.", "Crop or downscale the screenshot.")


class _Unreadable(str):
    """A manifest line that is not a row: its one-line error."""


def _unique_ids(rows: list[Row]) -> list[Row]:
    """Ids made unique (case-blind: some file systems are): a repeat gets -2, -3... never one already taken."""
    taken = {row.id.lower() for row in rows}
    seen: set[str] = set()
    out = []
    for row in rows:
        name, n = row.id, 1
        while name.lower() in seen:
            n += 1
            name = f"{row.id}-{n}"
            if name.lower() in taken and name != row.id:
                continue
        seen.add(name.lower())
        out.append(row if name == row.id else Row(row.index, name, row.products, row.key, row.error))
    return out


def _safe_id(rid: str) -> str:
    """A manifest id as a folder name: letters, digits, '-', '_' and '.' kept, the rest '-'; never one of the
    batch's own files (`results.jsonl` becomes `row-results.jsonl`)."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", rid).strip(".-")[:80] or "row"
    return f"row-{name}" if name.lower() in RESERVED else name
