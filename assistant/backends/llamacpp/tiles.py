"""Tile geometry: fit a screenshot to the tile budget, and the projector copy whose long edge allows it.

See the package docstring (and docs/backends.md) for how mtmd's idefics3 preprocessor cuts tiles.
"""

from __future__ import annotations

import hashlib
import logging
import math
from pathlib import Path

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
        image = image.resize((max(1, round(w * ratio)), max(1, round(h * ratio))), Image.Resampling.LANCZOS)
    return image


def budget_projector(mmproj: Path, budget: int) -> tuple[Path, int, int]:
    """(projector to load, tile size, tiles on the long side) for a tile budget; writes a patched copy once.

    A projector without `clip.vision.preproc_image_size` is first replaced by its derived copy
    (`weights.tiling`), so a published file converted before that key existed still tiles the page.
    """
    from weights.tiling import read_tiling, tiling_projector

    mmproj = tiling_projector(mmproj)
    tiling = read_tiling(mmproj)
    stock = max(1, tiling.edge // tiling.image_size)
    wanted = long_side_tiles(budget, stock)
    if wanted == stock:
        return mmproj, tiling.image_size, stock
    return _patched_copy(mmproj, wanted * tiling.image_size), tiling.image_size, wanted


def page_tiling(mmproj: Path, budget: int | None, size: tuple[int, int] = (1280, 800)) -> tuple[int, int]:
    """(tiles with the global one, image tokens) a page of `size` gets; budget None: the projector's stock tiling.

    Reads headers only: a projector without the tiling key is counted as its derived copy will tile.
    """
    from PIL import Image

    from weights.tiling import read_tiling

    tiling = read_tiling(mmproj)
    edge = tiling.edge or tiling.derived_edge
    stock = max(1, edge // tiling.image_size)
    k = stock if budget is None else long_side_tiles(budget, stock)
    fitted = Image.new("RGB", size) if budget is None else fit_to_budget(Image.new("RGB", size), budget, k, tiling.image_size)
    width, height = fitted.size
    cols, rows = tile_grid(width, height, tiling.image_size, k * tiling.image_size)
    tiles = cols * rows + 1 if cols * rows > 1 else 1  # a 1x1 grid is sent as its global tile alone (engine.py)
    return tiles, tiles * tiling.tokens_per_tile


def _patched_copy(mmproj: Path, edge: int) -> Path:
    from weights.catalog import models_dir
    from weights.gguf_patch import set_keys
    from weights.tiling import TILING_KEY

    digest = hashlib.sha256(f"{mmproj.resolve()}:{mmproj.stat().st_size}:{mmproj.stat().st_mtime_ns}".encode()).hexdigest()[:12]
    target = models_dir() / ".derived" / f"{mmproj.stem}-edge{edge}-{digest}.gguf"
    if target.is_file():
        return target
    set_keys(mmproj, target, {TILING_KEY: edge})
    log.info("wrote %s (long edge %d px) for the tile budget", target.name, edge)
    return target
