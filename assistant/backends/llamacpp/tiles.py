"""Tile geometry: fit a screenshot to the tile budget, and the projector copy whose long edge allows it.

See the package docstring (and docs/backends.md) for how mtmd's idefics3 preprocessor cuts tiles.
"""

from __future__ import annotations

import hashlib
import logging
import math
import shutil
from pathlib import Path

from ...files import atomic_path

log = logging.getLogger(__name__)


def tile_grid(width: int, height: int, image_size: int, longest_edge: int) -> tuple[int, int]:
    """(columns, rows) of tiles mtmd's idefics3 preprocessor cuts (plus one global tile not counted here)."""
    scale = min(longest_edge / width, longest_edge / height)
    cols = math.ceil(int(width * scale) / image_size)
    rows = math.ceil(int(height * scale) / image_size)
    return cols, rows


def long_side_tiles(budget: int, stock: int) -> int:
    return max(1, min(stock, math.ceil(math.sqrt(budget))))


def fit_to_budget(image, budget: int, long_tiles: int, image_size: int):
    """Pad and downscale `image` so that, with long_tiles x image_size as the long edge, it takes <= budget tiles."""
    from PIL import Image

    w, h = image.size
    long_, short = max(w, h), min(w, h)
    rows = max(1, budget // long_tiles)  # tiles allowed across the short side
    if math.ceil(short * long_tiles / long_ - 1e-9) > rows:
        long_ = math.ceil(short * long_tiles / rows)
        canvas = Image.new("RGB", (long_, h) if w >= h else (w, long_), (255, 255, 255))
        canvas.paste(image, (0, 0))
        image, (w, h) = canvas, canvas.size
    edge = long_tiles * image_size
    if max(w, h) > edge:
        ratio = edge / max(w, h)
        image = image.resize((max(1, round(w * ratio)), max(1, round(h * ratio))), Image.LANCZOS)
    return image


def budget_projector(mmproj: Path, budget: int) -> tuple[Path, int, int]:
    """(projector to load, tile size, tiles on the long side) for a tile budget; writes a patched copy once."""
    from weights.gguf_header import read_header

    fields = read_header(mmproj, {"clip.vision.image_size", "clip.vision.preproc_image_size"}).fields
    image_size = int(fields.get("clip.vision.image_size") or 384)
    edge = int(fields.get("clip.vision.preproc_image_size") or 0)
    if not edge:
        return mmproj, image_size, 1
    stock = max(1, edge // image_size)
    wanted = long_side_tiles(budget, stock)
    if wanted == stock:
        return mmproj, image_size, stock
    return _patched_copy(mmproj, wanted * image_size), image_size, wanted


def _patched_copy(mmproj: Path, edge: int) -> Path:
    from gguf import GGUFReader

    from weights.catalog import models_dir

    digest = hashlib.sha256(f"{mmproj.resolve()}:{mmproj.stat().st_size}:{mmproj.stat().st_mtime_ns}".encode()).hexdigest()[:12]
    target = models_dir() / ".derived" / f"{mmproj.stem}-edge{edge}-{digest}.gguf"
    if target.is_file():
        return target
    with atomic_path(target) as partial:
        shutil.copyfile(mmproj, partial)
        reader = GGUFReader(partial, "r+")
        field_ = reader.fields["clip.vision.preproc_image_size"]
        field_.parts[field_.data[0]][0] = edge
        reader.data.flush()
        del reader
    log.info("wrote %s (long edge %d px) for the tile budget", target.name, edge)
    return target
