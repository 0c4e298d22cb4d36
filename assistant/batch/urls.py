"""URL rows of a batch manifest: each URL is captured into OUT/captures/ (`assistant.capture`), then the row names
the captured screenshots as if the manifest had listed files.

A URL already captured for its row is not captured again: its files stay the same, so the row's key does too and
a finished row is skipped when the batch runs again. A URL that cannot be captured fails its row alone, in one line.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..capture import CaptureError, is_url, resolve


def captured_rows(raw: list, out: Path, options=None) -> list:
    """Manifest rows (index, id, products) with every URL replaced by its captured files (absolute paths)."""
    return [(n, rid, _products(n, rid, products, out, options)) for n, rid, products in raw]


def _products(n: int, rid: str | None, products, out: Path, options):
    if not isinstance(products, list) or not any(isinstance(p, list) and any(is_url(i) for i in p) for p in products):
        return products  # not a row of lists, or one without a URL: the manifest reader judges it
    try:
        return [[f for item in product for f in (_capture(item, out, options) if is_url(item) else [item])]
                for product in products]
    except CaptureError as exc:
        return Failed(f"row {n}: {exc}")


def _capture(url: str, out: Path, options) -> list[str]:
    folder = out / "captures" / hashlib.sha256(url.strip().encode()).hexdigest()[:16]
    kept = sorted(folder.glob("*.png")) if folder.is_dir() else []
    if kept:
        return [str(p.resolve()) for p in kept]
    return [str(Path(p).resolve()) for p in resolve([[url]], folder, options)[0]]


class Failed(str):
    """A row whose URL could not be captured: its one-line error."""
