"""The tiling key of a SmolVLM2 projector, and the derived projector written where a published file lacks it.

mtmd's idefics3 preprocessor resizes a screenshot so its long side is `clip.vision.preproc_image_size`, then
cuts tiles of `clip.vision.image_size` and adds one global tile. Projectors converted before llama.cpp wrote
that key (ggml-org's SmolVLM2 GGUFs of April 2025 among them) make mtmd encode the whole page as one global
tile: 384 px for a 1280x800 page, unreadable. Hugging Face's processors use a long edge of 4 tiles (1536 px
for the 2.2B's 384-px tiles, 2048 px for the 500M's and 256M's 512-px tiles), so where the key is missing a
copy that has it is written beside the pulled file (`<stem>.preproc<edge>.gguf`); the pulled file is never
modified, since `weights verify` checks its hash.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from common.errors import ShipcardError

from .gguf_header import read_header

log = logging.getLogger(__name__)

TILING_KEY = "clip.vision.preproc_image_size"
LONG_SIDE_TILES = 4  # SmolVLM2's processors: longest_edge = 4 x the tile size
DERIVED_MARK = ".preproc"
_KEYS = {"clip.vision.image_size", "clip.vision.patch_size", "clip.vision.projector.scale_factor", TILING_KEY}


@dataclass(frozen=True)
class ProjectorTiling:
    """What a projector's header says about tiles: tile size, the long edge (0: key missing), tokens a tile."""

    image_size: int
    edge: int
    tokens_per_tile: int

    @property
    def derived_edge(self) -> int:
        return LONG_SIDE_TILES * self.image_size


def read_tiling(mmproj: str | Path) -> ProjectorTiling:
    """The tiling fields of a projector's header (ValueError if it is not a GGUF)."""
    fields = read_header(mmproj, _KEYS).fields
    image = int(fields.get("clip.vision.image_size") or 384)
    patch = int(fields.get("clip.vision.patch_size") or 14)
    scale = int(fields.get("clip.vision.projector.scale_factor") or 3)
    return ProjectorTiling(image, int(fields.get(TILING_KEY) or 0), (image // patch // scale) ** 2)


def is_derived(path: Path) -> bool:
    return DERIVED_MARK in path.name


def derived_path(mmproj: Path, edge: int) -> Path:
    return mmproj.with_name(f"{mmproj.stem}{DERIVED_MARK}{edge}.gguf")


def tiling_projector(mmproj: str | Path) -> Path:
    """`mmproj` when its header has the tiling key; else the derived copy beside it, written once."""
    mmproj = Path(mmproj)
    tiling = read_tiling(mmproj)
    if tiling.edge:
        return mmproj
    target = derived_path(mmproj, tiling.derived_edge)
    if _fresh(target, mmproj):
        return target
    from .gguf_patch import set_keys

    try:
        set_keys(mmproj, target, {TILING_KEY: tiling.derived_edge})
    except ShipcardError:  # the model's folder is read-only: keep the copy with shipcard's models
        from .home import models_dir

        target = models_dir() / ".derived" / target.name
        if not _fresh(target, mmproj):
            set_keys(mmproj, target, {TILING_KEY: tiling.derived_edge})
    log.info("%s has no %s: wrote %s (long edge %d px)", mmproj.name, TILING_KEY, target.name, tiling.derived_edge)
    return target


def _fresh(target: Path, source: Path) -> bool:
    return target.is_file() and target.stat().st_mtime_ns >= source.stat().st_mtime_ns
