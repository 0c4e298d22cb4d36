"""Real RapidOCR on rendered text: lines, boxes, reading order, tall pages in bands."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from assistant.images import load_image
from assistant.ocr import BAND_HEIGHT, fix_confusions, read


def _page(path, size, texts):
    img = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(img)
    for (x, y), text, px in texts:
        draw.text((x, y), text, font=ImageFont.load_default(size=px), fill="black")
    img.save(path)
    return path


def test_reads_lines_with_boxes_in_reading_order(tmp_path):
    path = _page(tmp_path / "p.png", (1280, 800), [
        ((60, 60), "Acme Vision", 48),
        ((60, 140), "Screenshots in, answers out.", 22),
        ((700, 300), "Pro $20/mo", 22),
        ((60, 300), "Free", 22),
    ])
    screen = read(load_image(path))
    texts = [ln.text for ln in screen.lines]
    assert texts[:2] == ["Acme Vision", "Screenshots in, answers out."]
    assert texts.index("Free") < texts.index("Pro $20/mo")  # same row: left to right
    name = screen.lines[0]
    assert name.image == "p.png" and 0.9 < name.confidence <= 1.0
    x0, y0, x1, y1 = name.box
    assert 40 < x0 < 80 and 40 < y0 < 80 and x1 > x0 and y1 > y0
    assert name.height > screen.lines[1].height  # layout is kept: the name is the tallest


def test_tall_page_is_read_in_bands_with_true_coordinates(tmp_path):
    height = int(BAND_HEIGHT * 2.5)
    path = _page(tmp_path / "tall.png", (1280, height), [
        ((60, 60), "Top of the page", 28), ((60, height - 120), "Footer licensed under MIT", 16)])
    screen = read(load_image(path))
    footer = next(ln for ln in screen.lines if "MIT" in ln.text)
    assert footer.box[1] > height - 160
    assert sum("Top of the page" in ln.text for ln in screen.lines) == 1  # overlap read once


def test_ocr_confusions_fixed():
    assert fix_confusions("Voice Al") == "Voice AI"
    assert fix_confusions("APl-only") == "API-only"
    assert fix_confusions("Albert") == "Albert"


def test_a_quote_drops_the_periods_a_dotted_background_put_between_words():
    """drawDB's dotted grid: a dot in a word gap was read as a period and quoted on the card as 'intuitive. database
    design tool. and SQL generator.'; the line itself stays as read (the tagline ranker was fitted on such lines)."""
    from assistant.datamodel import OcrLine

    line = OcrLine("Free, simple, and intuitive. database design tool. and SQL generator.", (0, 0, 9, 9), 0.99, "p.png")
    assert line.evidence().text == "Free, simple, and intuitive database design tool and SQL generator."
    assert line.text.endswith("tool. and SQL generator.")
    for kept in ("Docs, guides, etc. and more. Then ship.", "your data. your choice. take control!"):
        assert OcrLine(kept, (0, 0, 9, 9), 0.99, "p.png").evidence().text == kept
