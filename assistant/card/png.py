"""The card as an image, drawn with Pillow in the DejaVu Sans cut that ships in `fonts/` (no system fonts needed).

Text is wrapped by its measured width and the image grows to hold it: no sentence is ever cut. `layout` gives
the lines as drawn, so a test can check that every sentence is there in full. A character the font lacks (CJK,
emoji) is drawn as U+FFFD, never as the font's empty box (`drawable`).
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path
from typing import NamedTuple

from PIL import Image, ImageDraw, ImageFont

from ..datamodel import Comparison, ProductCard
from ..sanitize import printable
from .text import best_for, community_text, pick_line, pricing_text, verdict_word, yesno

WIDTH = 1200
PAD = 32
INSET = 18  # a column's inner margin
INK, MUTED, LINE, BG, PANEL = (29, 29, 31), (107, 107, 112), (227, 227, 224), (247, 247, 245), (255, 255, 255)
SHIP, SKIP, ACCENT = (19, 122, 63), (179, 38, 30), (57, 73, 171)
FONT = Path(__file__).parent / "fonts" / "DejaVuSans-card.ttf"
MISSING = "\ufffd"
_NOT_IN_ANY_FONT = "\U0010fffd"  # a private-use code point: the font draws its .notdef for it


class Run(NamedTuple):
    """One drawn line: its text, type size and colour."""

    text: str
    size: int
    colour: tuple[int, int, int]


@functools.lru_cache(maxsize=16)
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), size=size)


@functools.lru_cache(maxsize=4096)
def covered(ch: str) -> bool:
    """Whether the font has a glyph for `ch` (its drawing differs from the .notdef box); spaces always are."""
    if ch.isspace():
        return True
    font = _font(24)
    return _ink(font, ch) != _ink(font, _NOT_IN_ANY_FONT)


def _ink(font: ImageFont.FreeTypeFont, ch: str) -> tuple:
    mask = font.getmask(ch)
    return mask.size, bytes(mask)


def drawable(text: str) -> str:
    """`text` as drawn: a character the font lacks becomes U+FFFD, or nothing when it draws nothing of its own (a
    variation selector, a zero-width joiner, a combining mark); control and bidi characters never drawn."""
    text = printable(text)
    return text if all(map(covered, text)) else "".join(ch if covered(ch) else _stand_in(ch) for ch in text)


def _stand_in(ch: str) -> str:
    return "" if unicodedata.category(ch) in ("Cf", "Mn", "Me") else MISSING


def text_width(text: str, size: int) -> float:
    """The room a line takes: its advance, or its ink where a glyph overhangs the advance (an 'f' at the end)."""
    shown = drawable(text)
    return _font(size).getlength(shown) + _overhang(shown[-1], size) if shown else 0.0


@functools.lru_cache(maxsize=4096)
def _overhang(ch: str, size: int) -> float:
    font = _font(size)
    return max(0.0, font.getbbox(ch)[2] - font.getlength(ch))


def wrap(text: str, size: int, width: float) -> list[str]:
    """Lines of at most `width` pixels at `size`, broken between words (inside a word only when it alone is wider)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if text_width(trial, size) <= width:
            current = trial
            continue
        if current:
            lines.append(current)
        current = ""
        for ch in word:  # a word wider than the line: split it where it must be
            if current and text_width(current + ch, size) > width:
                lines.append(current)
                current = ""
            current += ch
    if current:
        lines.append(current)
    return lines


def _block(text: str, size: int, colour: tuple[int, int, int], width: float) -> list[Run]:
    return [Run(line, size, colour) for line in wrap(text, size, width)]


def _gap(size: int) -> Run:
    return Run("", size, INK)


def column_width(c: Comparison) -> int:
    cols = max(1, len(c.products))
    return (WIDTH - PAD * (cols + 1)) // cols


def header(c: Comparison) -> list[Run]:
    width = WIDTH - 2 * PAD
    question = "Should you ship with it?" if len(c.products) == 1 else "Which one should you ship with?"
    return [*_block(c.title, 34, INK, width), _gap(6), *_block(f"{question} {pick_line(c)}", 17, INK, width),
            *_block("Panel verdict, pricing read and reviewer split · made on the device by shipcard", 15, MUTED,
                    width)]


def column(p: ProductCard, width: int) -> list[Run]:
    """The lines of one product's column, as drawn."""
    f, inner = p.facts, width - 2 * INSET
    verdict = {"ship": SHIP, "skip": SKIP}.get(p.panel.verdict, MUTED)
    rows = [*_block((f.category or "Uncategorised").upper(), 13, ACCENT, inner),
            *_block(f.name or "Unnamed product", 26, INK, inner), *_block(f.tagline or "", 15, MUTED, inner), _gap(8),
            *_block(f"{verdict_word(p)} · {p.panel.ship_pct}% panel ship · {p.panel.ship} ship / {p.panel.skip} skip", 18,
                    verdict, inner),
            *_block(f"Community: {community_text(p.community)}", 14, INK, inner)]
    for label, value in (("Pricing", pricing_text(f)), ("Best for", best_for(f)),
                         ("License", f.license or "Not stated"), ("Open weights", yesno(f.open_weights))):
        rows += _block(f"{label}: {value}", 14, INK, inner)
    rows.append(_gap(8))
    for r in p.reviews:
        rows += _block(f"{r.reviewer.capitalize()} · {r.score}/100 · {r.verdict}", 16, SHIP if r.verdict == "ship" else SKIP,
                       inner)
        rows += _block(r.rationale, 12, MUTED, inner)
        rows.append(_gap(6))
    return rows


def layout(c: Comparison) -> tuple[list[Run], list[list[Run]]]:
    """The header's lines and each product column's lines, wrapped to the widths they are drawn at."""
    width = column_width(c)
    return header(c), [column(p, width) for p in c.products]


def _height(rows: list[Run]) -> int:
    return sum(int(r.size * 1.45) for r in rows)


def render_png(c: Comparison) -> Image.Image:
    top, columns = layout(c)
    width = column_width(c)
    images = [_draw(rows, width) for rows in columns]
    head = 28 + _height(top) + 16
    canvas = Image.new("RGB", (WIDTH, head + max((img.height for img in images), default=0) + PAD), BG)
    draw = ImageDraw.Draw(canvas)
    _text(draw, top, PAD, 28)
    for i, img in enumerate(images):
        canvas.paste(img, (PAD + i * (width + PAD), head))
    return canvas


def _draw(rows: list[Run], width: int) -> Image.Image:
    img = Image.new("RGB", (width, _height(rows) + 2 * INSET), PANEL)
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 0, width - 1, img.height - 1], outline=LINE)
    _text(draw, rows, INSET, INSET)
    return img


def _text(draw: ImageDraw.ImageDraw, rows: list[Run], x: int, y: int) -> None:
    for run in rows:
        if run.text:
            draw.text((x, y), drawable(run.text), font=_font(run.size), fill=run.colour)
        y += int(run.size * 1.45)
