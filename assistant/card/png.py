"""The card as an image, drawn with Pillow (its bundled scalable font: no system fonts needed)."""

from __future__ import annotations

import functools
import textwrap

from PIL import Image, ImageDraw, ImageFont

from ..datamodel import Comparison, ProductCard
from .text import community_text, tiers_text, yesno

WIDTH = 1200
PAD = 32
INK, MUTED, LINE, BG, PANEL = (29, 29, 31), (107, 107, 112), (227, 227, 224), (247, 247, 245), (255, 255, 255)
SHIP, SKIP, ACCENT = (19, 122, 63), (179, 38, 30), (57, 73, 171)


@functools.lru_cache(maxsize=16)
def _font(size: int) -> ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def render_png(c: Comparison) -> Image.Image:
    cols = max(1, len(c.products))
    col_w = (WIDTH - PAD * (cols + 1)) // cols
    columns = [_column(p, col_w) for p in c.products]
    height = 110 + max(img.height for img in columns) + PAD
    canvas = Image.new("RGB", (WIDTH, height), BG)
    draw = ImageDraw.Draw(canvas)
    draw.text((PAD, 28), c.title, font=_font(34), fill=INK)
    draw.text((PAD, 72), "Panel verdict, pricing read and reviewer split · made on the device by shipcard",
              font=_font(15), fill=MUTED)
    for i, img in enumerate(columns):
        canvas.paste(img, (PAD + i * (col_w + PAD), 110))
    return canvas


def _column(p: ProductCard, width: int) -> Image.Image:
    f = p.facts
    chars = max(20, width // 8)
    rows: list[tuple[str, int, tuple[int, int, int]]] = [
        ((f.category or "Uncategorised").upper(), 13, ACCENT),
        (f.name or "Unnamed product", 26, INK),
    ]
    rows += [(line, 15, MUTED) for line in textwrap.wrap(f.tagline or "", chars)]
    rows += [("", 8, INK), (f"{p.panel.ship_pct}% panel ship · {p.panel.ship} ship / {p.panel.skip} skip", 18,
                             SHIP if p.panel.verdict == "ship" else SKIP)]
    rows += [(f"Entry: {f.pricing.entry or '—'}   ·   Community: {community_text(p.community)}", 14, INK)]
    for label, value in (("Pricing", tiers_text(f)), ("License", f.license or "Not stated"),
                         ("Open weights", yesno(f.open_weights))):
        rows += [(line, 14, INK) for line in textwrap.wrap(f"{label}: {value}", chars)]
    rows.append(("", 8, INK))
    for r in p.reviews:
        rows.append((f"{r.reviewer.capitalize()} · {r.score}/100 · {r.verdict}", 16, SHIP if r.verdict == "ship" else SKIP))
        rows += [(line, 12, MUTED) for line in textwrap.wrap(r.rationale, int(chars * 1.15))[:5]]
        rows.append(("", 6, INK))
    height = sum(int(size * 1.45) for _, size, _ in rows) + 2 * 18
    img = Image.new("RGB", (width, height), PANEL)
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 0, width - 1, height - 1], outline=LINE)
    y = 18
    for text, size, colour in rows:
        if text:
            draw.text((18, y), text, font=_font(size), fill=colour)
        y += int(size * 1.45)
    return img
