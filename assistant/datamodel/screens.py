"""A screenshot once loaded and read: the decoded image and its OCR lines. Plain data, no engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .facts import Box, Evidence

if TYPE_CHECKING:
    from PIL import Image

    from .page import Page


@dataclass(frozen=True)
class LoadedImage:
    """One decoded screenshot.

    `name` is what the card cites (the file name the person gave); `path` is where its bytes can be read
    again, which may be another file (the history's copy) or None for an image that exists only in memory.
    """

    name: str
    image: Image.Image  # RGB, upright
    sha256: str
    path: Path | None = None


@dataclass(frozen=True)
class OcrLine:
    text: str
    box: Box  # axis-aligned [x0, y0, x1, y1]
    confidence: float
    image: str

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]

    @property
    def width(self) -> float:
        return self.box[2] - self.box[0]

    def evidence(self, text: str | None = None) -> Evidence:
        return Evidence(text=text or self.text, image=self.image, box=self.box, confidence=round(self.confidence, 4))


@dataclass
class Screen:
    """One screenshot and what was read on it."""

    loaded: LoadedImage
    lines: list[OcrLine] = field(default_factory=list)
    page: Page | None = field(default=None, repr=False, compare=False)  # built once by `assistant.page.page_of`

    @property
    def name(self) -> str:
        return self.loaded.name

    @property
    def size(self) -> tuple[int, int]:
        return self.loaded.image.size

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)
