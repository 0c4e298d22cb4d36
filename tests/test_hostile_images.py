"""Odd screenshots: wide modes are normalised, odd shapes and huge pages end in a result or one line."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from assistant import ocr
from assistant.errors import BadInputError
from assistant.images import load_image


def _page(size=(700, 200)) -> Image.Image:
    img = Image.new("L", size, 255)
    draw = ImageDraw.Draw(img)
    draw.text((20, 30), "Acme Coder", fill=51, font=ImageFont.load_default(40))
    draw.text((20, 110), "Pro $20/mo", fill=51, font=ImageFont.load_default(40))
    return img


def _texts(path) -> list[str]:
    return [ln.text for ln in ocr.read(load_image(path)).lines]


def test_a_16_bit_grayscale_page_reads_like_its_8_bit_twin(tmp_path):
    eight = _page()
    eight.save(tmp_path / "8.png")
    Image.fromarray(np.asarray(eight, dtype=np.uint16) * 257).save(tmp_path / "16.png")
    assert Image.open(tmp_path / "16.png").mode.startswith("I")
    assert np.abs(np.asarray(load_image(tmp_path / "16.png").image, dtype=int)
                  - np.asarray(load_image(tmp_path / "8.png").image, dtype=int)).max() <= 1
    assert _texts(tmp_path / "16.png") == _texts(tmp_path / "8.png") != []


@pytest.mark.parametrize("mode", ["I", "F", "1", "CMYK", "LA", "P"])
def test_other_modes_load_as_rgb(tmp_path, mode):
    img = _page().convert(mode if mode != "F" else "L")
    if mode == "F":
        img = Image.fromarray(np.asarray(img, dtype=np.float32) / 255.0)
    path = tmp_path / ("page.tiff" if mode in ("F",) else "page.png" if mode != "CMYK" else "page.jpg")
    if path.suffix == ".tiff":  # F is not a screenshot format: load_image refuses it in one line
        img.save(path)
        with pytest.raises(BadInputError):
            load_image(path)
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # Pillow: saving mode I as PNG
        img.save(path)
    assert load_image(path).image.mode == "RGB"


def test_a_20000x20_strip_is_one_line_not_a_traceback(tmp_path, caplog):
    Image.new("RGB", (20000, 20), "white").save(tmp_path / "strip.png")
    screen = ocr.read(load_image(tmp_path / "strip.png"))
    assert screen.lines == []


def test_a_page_over_the_pixel_budget_is_read_downscaled(tmp_path, monkeypatch, caplog):
    page = _page((1400, 400))
    page.save(tmp_path / "big.png")
    full = ocr.read(load_image(tmp_path / "big.png")).lines
    monkeypatch.setattr(ocr, "OCR_MAX_PIXELS", 300_000)  # the page is 560 000 px
    lines = ocr.read(load_image(tmp_path / "big.png")).lines
    assert "over the OCR budget of" in caplog.text
    assert [ln.text for ln in lines] == [ln.text for ln in full]
    assert lines[0].box == pytest.approx(full[0].box, abs=8)  # boxes are in the page's own pixels


def test_a_page_stops_at_its_line_budget(tmp_path, monkeypatch, caplog):
    _page().save(tmp_path / "p.png")
    monkeypatch.setattr(ocr, "OCR_MAX_LINES", 1)
    assert len(ocr.read(load_image(tmp_path / "p.png")).lines) == 1


def test_escapes_in_a_file_name_are_not_echoed(tmp_path):
    with pytest.raises(BadInputError) as caught:
        load_image(tmp_path / "x\x1b]0;pwned\x07.png")
    assert "\x1b" not in str(caught.value) and "\x07" not in str(caught.value)
