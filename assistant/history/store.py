"""The screenshot store: `<home>/screens/<sha256>.<ext>`, the only image files the history ever reads.

A card keeps copies of its screenshots so answers, escalation and the UI still work after the originals
move. A stored reference is `screens/<64 hex>.<ext>` and nothing else, so no row, and no imported file,
can make shipcard read a path outside the store.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from ..datamodel import LoadedImage
from ..errors import ShipcardError
from ..files import atomic_path, atomic_write
from ..sanitize import printable

_STORED = re.compile(r"screens/[0-9a-f]{64}\.(png|jpe?g|webp|gif)")


def in_store(rel: str) -> bool:
    """A stored image is `screens/<64 hex>.<ext>`: nothing else, so no path can leave the store."""
    return _STORED.fullmatch(rel) is not None


def stored_name(sha256: str, ext: str) -> str:
    """`screens/<sha256><ext>`; any other suffix is kept under .png (the bytes are still an allowed image)."""
    rel = f"screens/{sha256}{ext.lower()}"
    return rel if in_store(rel) else f"screens/{sha256}.png"


class ScreenStore:
    """The `screens/` folder of one history home."""

    def __init__(self, home: Path):
        self.home = home
        self.folder = home / "screens"

    def keep(self, loaded: LoadedImage, new: list[Path] | None = None) -> str:
        """Copy a screenshot in (whole file, once per sha256); returns its stored name. A copy made now is
        appended to `new`."""
        source = loaded.path
        self._check_folder()
        rel = stored_name(loaded.sha256, source.suffix if source else ".png")
        target = self.home / rel
        if not target.exists():
            if new is not None:
                new.append(target)
            with atomic_path(target) as tmp:
                try:
                    if source is None:
                        raise FileNotFoundError  # an image held only in memory
                    shutil.copyfile(source, tmp)
                except OSError:  # the original moved or is gone: keep the decoded image
                    loaded.image.save(tmp, format="PNG")
        return rel

    def keep_bytes(self, sha256: str, ext: str, data: bytes) -> str:
        """Store image bytes already checked against `sha256`; returns the stored name."""
        self._check_folder()
        rel = stored_name(sha256, ext)
        target = self.home / rel
        if not target.exists():
            atomic_write(target, data)
        return rel

    def _check_folder(self) -> None:
        """screens/ is a folder or missing: a file there (a home left half-copied) is one line, not NotADirectoryError."""
        if self.folder.exists() and not self.folder.is_dir():
            raise ShipcardError(f"{printable(self.folder)} is a file, not the folder of stored screenshots.",
                                "Move that file away (the history keeps screenshots there), or set SHIPCARD_HOME.")

    def file(self, rel: str | None) -> Path | None:
        """The stored copy named by a row, only ever inside the store; None when there is none."""
        if rel and in_store(rel) and (self.home / rel).is_file():
            return self.home / rel
        return None
