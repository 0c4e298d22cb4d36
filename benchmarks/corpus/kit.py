"""Small helpers for writing corpus pages: the document shell, inline SVG logos, badges, escaping.

Pages stay free to write any HTML; these only save repetition. Every page must define its colours
as CSS variables on :root and override them under `html.dark` (the `dark` variant adds that class).
"""

from __future__ import annotations

import html as htmllib

SANS = "'DejaVu Sans', sans-serif"
LIB_SANS = "'Liberation Sans', Arial, sans-serif"
SERIF = "'Liberation Serif', 'DejaVu Serif', serif"
DJV_SERIF = "'DejaVu Serif', serif"
MONO = "'DejaVu Sans Mono', 'Liberation Mono', monospace"
CONDENSED = "'DejaVu Sans Condensed', 'Liberation Sans Narrow', sans-serif"


def esc(text: str) -> str:
    return htmllib.escape(text, quote=True)


def doc(title: str, css: str, body: str) -> str:
    """A full HTML document; `css` must set its colours through variables (see module doc)."""
    return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{esc(title)}</title>'
            f"<style>*{{box-sizing:border-box}}body{{margin:0}}{css}</style></head>\n<body>{body}</body></html>\n")


def logo(mark: str, bg: str, fg: str = "#fff", size: int = 32, radius: int = 8) -> str:
    """A square logo mark with one or two letters, as inline SVG (text is inside the image, as on real sites)."""
    font = size * (0.55 if len(mark) < 2 else 0.42)
    return (f'<svg width="{size}" height="{size}" viewBox="0 0 {size} {size}" style="vertical-align:middle">'
            f'<rect width="{size}" height="{size}" rx="{radius}" fill="{bg}"/>'
            f'<text x="50%" y="54%" dominant-baseline="middle" text-anchor="middle" fill="{fg}" '
            f'font-family="DejaVu Sans" font-weight="bold" font-size="{font:.0f}">{esc(mark)}</text></svg>')


def shape_logo(kind: str, color: str, size: int = 32) -> str:
    """A wordless logo mark: 'ring', 'bolt', 'hex', 'blob', 'bars'."""
    s = size
    shapes = {
        "ring": f'<circle cx="{s/2}" cy="{s/2}" r="{s*0.38}" fill="none" stroke="{color}" stroke-width="{s*0.14}"/>',
        "bolt": f'<path d="M{s*.55} {s*.05} L{s*.2} {s*.58} H{s*.48} L{s*.4} {s*.95} L{s*.82} {s*.4} H{s*.55} Z" fill="{color}"/>',
        "hex": (f'<polygon points="{s*.5},{s*.04} {s*.92},{s*.27} {s*.92},{s*.73} {s*.5},{s*.96} {s*.08},{s*.73} '
                f'{s*.08},{s*.27}" fill="{color}"/>'),
        "blob": f'<ellipse cx="{s/2}" cy="{s/2}" rx="{s*.46}" ry="{s*.34}" fill="{color}" transform="rotate(-25 {s/2} {s/2})"/>',
        "bars": "".join(f'<rect x="{s*(.1+i*.3)}" y="{s*(.6-i*.25)}" width="{s*.2}" height="{s*(.3+i*.25)}" fill="{color}"/>'
                        for i in range(3)),
    }
    return f'<svg width="{s}" height="{s}" viewBox="0 0 {s} {s}" style="vertical-align:middle">{shapes[kind]}</svg>'


def shield(label: str, value: str, color: str = "#4c1") -> str:
    """A shields.io-style badge drawn as inline SVG (its text is part of the image, like the real ones)."""
    lw, vw = 7 * len(label) + 10, 7 * len(value) + 10
    w = lw + vw
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="20" style="vertical-align:middle">'
            f'<rect width="{lw}" height="20" fill="#555"/><rect x="{lw}" width="{vw}" height="20" fill="{color}"/>'
            f'<g fill="#fff" font-family="DejaVu Sans,Verdana,sans-serif" font-size="11">'
            f'<text x="{lw/2}" y="14" text-anchor="middle">{esc(label)}</text>'
            f'<text x="{lw + vw/2}" y="14" text-anchor="middle">{esc(value)}</text></g></svg>')


def stars(rating: float, color: str = "#f5a623", size: int = 16) -> str:
    full = int(rating)
    half = rating - full >= 0.5
    out = "★" * full + ('<span style="opacity:.45">★</span>' if half else "") + "☆" * (5 - full - half)
    return f'<span style="color:{color};font-size:{size}px;letter-spacing:1px">{out}</span>'
