"""Screenshots of two fictional AI products, shipped inside the package for `shipcard demo`.

Each folder holds a product's `landing.png` and `pricing.png`; the hand-written HTML they are rendered
from lives in the repository's top-level `examples/` (see its README).
"""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).resolve().parent


def products() -> list[Path]:
    """One folder per example product, in name order."""
    return sorted(p for p in FOLDER.iterdir() if p.is_dir() and any(p.glob("*.png")))
