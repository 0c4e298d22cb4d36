"""Geometry stage: each line's type size and how many lines share its row. Pure functions of the lines, so
readers that hold only lines (a product's several screenshots) use them too."""

from __future__ import annotations

from statistics import median

import numpy as np

from ..datamodel import OcrLine, Page


def font_sizes(lines: list[OcrLine]) -> list[float]:
    """Each line's type size relative to the page's body text: box height and width per character together
    (heights alone vary with ascenders, descenders and OCR padding); on a captured page, its CSS font size
    against the page's median (the browser knows it; a bold 20px heading and a 20px line read alike)."""
    if not lines:
        return []
    css = [ln.dom.font_px if ln.dom is not None else 0.0 for ln in lines]
    if all(px > 0 for px in css):
        body_px = median(css)
        return [px / body_px for px in css]
    per_char = [ln.width / max(1, len(ln.text.strip())) for ln in lines]
    body_w, body_h = median(per_char), median(ln.height for ln in lines)
    return [((w / body_w) * (ln.height / body_h)) ** 0.5 for w, ln in zip(per_char, lines, strict=True)]


def boxes(lines: list[OcrLine]) -> np.ndarray:
    """The lines' boxes as an (n, 4) array: pairwise tests over a page's lines at once."""
    return np.asarray([ln.box for ln in lines], dtype=np.float64).reshape(-1, 4)


def row_counts(lines: list[OcrLine]) -> list[int]:
    """How many lines share each line's row (a nav band or a footer has many)."""
    box = boxes(lines)
    centres, half = (box[:, 1] + box[:, 3]) / 2, (box[:, 3] - box[:, 1]) / 2
    return (np.abs(centres[None, :] - centres[:, None]) < half[:, None]).sum(axis=1).tolist()


def continues(prev: OcrLine, ln: OcrLine) -> bool:
    """`ln` carries on `prev`'s paragraph: the same type size, right below it, aligned with it."""
    same_size = abs(ln.height - prev.height) < 0.3 * prev.height
    gap = ln.box[1] - prev.box[3]  # OCR boxes are padded, so wrapped lines may overlap a little
    close = -0.4 * prev.height <= gap < 1.0 * prev.height
    aligned = abs(ln.box[0] - prev.box[0]) < 1.5 * prev.height or abs(
        (ln.box[0] + ln.box[2]) - (prev.box[0] + prev.box[2])) < 3 * prev.height
    return same_size and close and aligned


def centre_x(ln: OcrLine) -> float:
    return (ln.box[0] + ln.box[2]) / 2


def overlap_x(a: OcrLine, b: OcrLine) -> float:
    """Pixels two lines share horizontally (negative: the gap between them)."""
    return min(a.box[2], b.box[2]) - max(a.box[0], b.box[0])


def measure(page: Page) -> Page:
    page.sizes = font_sizes(page.lines)
    page.rows = row_counts(page.lines)
    return page
