"""The bad-input corpus's shared pieces (scripts/hardening/corpus.py): the `Case` type, the two product pages and
the helpers every group of cases uses. Imports nothing from the corpus's other modules.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
ESC = "\x1b"


@dataclass
class Case:
    name: str
    area: str
    build: Callable[[Path], list[list]]  # folder -> commands (argv lists; bytes allowed)
    budget: float = 60.0
    env: dict = field(default_factory=dict)
    check: Callable[[Path, list], list[str]] | None = None  # extra findings: ['lost', 'escapes', ...]
    root: bool = False


# ---- inputs -----------------------------------------------------------------------------------


def page(path: Path, lines: list[str], size=(900, 420), mode="RGB") -> Path:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(img)
    font = _font(28)
    for i, text in enumerate(lines):
        draw.text((30, 24 + 44 * i), text, fill=(51, 51, 51), font=font)  # dark grey, as most pages set text
    if mode == "I;16":
        import numpy as np

        gray = np.asarray(img.convert("L"), dtype=np.uint16) * 257
        Image.fromarray(gray).save(path)  # a 16-bit grayscale PNG
    else:
        img.convert(mode).save(path)
    return path


def _font(size: int):
    from PIL import ImageFont

    return ImageFont.load_default(size)


A_LINES = ["Acme Coder", "The fast API for coding agents", "Free tier. Pro $20/mo", "pip install acme"]
B_LINES = ["Brio Voice", "Speech models for teams", "Start for free. Team $49/mo", "Open weights on Hugging Face"]


def products(d: Path) -> tuple[Path, Path]:
    return page(d / "a.png", A_LINES), page(d / "b.png", B_LINES)


def cli(*args) -> list:
    return [sys.executable, "-m", "assistant", *args]


def base_export(d: Path) -> dict:
    """A real export of one small card, made in this case's home (the corpus's one good card)."""
    return json.loads((d / "export.json").read_text())


def _seed(d: Path) -> list[list]:
    """Card #1 in the case's home and its export in export.json (made once per run, then copied)."""
    return [["seed"]]


def _raw_markup(md: str) -> bool:
    """HTML tags or javascript: links that a Markdown viewer would render."""
    return bool(re.search(r"<\s*(script|img|iframe|svg|a)\b|\]\(\s*javascript:", md, re.IGNORECASE))
