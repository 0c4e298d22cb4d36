"""Evidence you can see: every field and criterion of a comparison, and its boxes drawn on the screenshot.

Pure Pillow, no Gradio: the UI shows what `evidence_picture` returns, and tests call it directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PIL import Image, ImageDraw

from assistant.datamodel import Comparison, Evidence
from assistant.images import load_image

BOX_COLOUR = (229, 57, 53)
FILL = (229, 57, 53, 48)
GAP = 24  # px between screenshots stacked into one picture
ImageSource = str | Path | Image.Image


def product_names(c: Comparison) -> list[str]:
    """Display names, made unique: two unnamed products read 'Product 1' and 'Product 2'."""
    names = c.names()
    return [f"{n} ({i + 1})" if names.count(n) > 1 else n for i, n in enumerate(names)]


def evidence_index(c: Comparison) -> dict[str, tuple[int, list[Evidence]]]:
    """'Lumen Notes · pricing' and 'Kestrel Coder · builder/try_today' → (product index, evidence)."""
    index: dict[str, tuple[int, list[Evidence]]] = {}
    for i, (name, p) in enumerate(zip(product_names(c), c.products, strict=False)):
        for field, found in p.facts.evidence.items():
            if found:
                index[f"{name} · {field}"] = (i, found)
        for r in p.reviews:
            for k in r.criteria:
                if k.evidence:
                    index[f"{name} · {r.reviewer}/{k.id}"] = (i, k.evidence)
    return index


def draw_boxes(image: Image.Image, evidence: list[Evidence], width: int = 4) -> Image.Image:
    """A copy of `image` with each evidence box outlined and lightly filled."""
    canvas = image.convert("RGBA")
    overlay = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for e in evidence:
        x0, y0, x1, y1 = _padded(e.box, canvas.size, pad=width + 2)
        draw.rectangle((x0, y0, x1, y1), outline=(*BOX_COLOUR, 255), fill=FILL, width=width)
    return Image.alpha_composite(canvas, overlay).convert("RGB")


def _padded(box, size: tuple[int, int], pad: int) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = box
    return max(0, x0 - pad), max(0, y0 - pad), min(size[0] - 1, x1 + pad), min(size[1] - 1, y1 + pad)


def evidence_picture(evidence: list[Evidence], images: Mapping[str, ImageSource]) -> Image.Image | None:
    """Each screenshot that holds some of the evidence, boxes drawn, stacked top to bottom.

    `images` maps a screenshot's file name (Evidence.image) to its path or its decoded image;
    evidence naming an image that is not there is skipped. None when no evidence can be drawn.
    """
    drawn = []
    for name in dict.fromkeys(e.image for e in evidence):
        if name in images:
            source = images[name]
            picture = source if isinstance(source, Image.Image) else load_image(source).image
            drawn.append(draw_boxes(picture, [e for e in evidence if e.image == name]))
    return _stack(drawn) if drawn else None


def _stack(pictures: list[Image.Image]) -> Image.Image:
    if len(pictures) == 1:
        return pictures[0]
    width = max(p.width for p in pictures)
    height = sum(p.height for p in pictures) + GAP * (len(pictures) - 1)
    sheet = Image.new("RGB", (width, height), (255, 255, 255))
    top = 0
    for p in pictures:
        sheet.paste(p, (0, top))
        top += p.height + GAP
    return sheet


def evidence_text(evidence: list[Evidence]) -> str:
    """The quotes as Markdown, with where each was read and how sure the reader was."""
    return "\n".join(f"- “{e.text}” — *{e.image}*, confidence {e.confidence:.0%}" for e in evidence)
