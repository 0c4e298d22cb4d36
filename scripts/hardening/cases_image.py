"""Image cases of the bad-input corpus (scripts/hardening/corpus.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from corpus_base import A_LINES, Case, _font, cli, page

# ---- image cases ------------------------------------------------------------------------------


def _image_case(name: str, make: Callable[[Path], Path], budget: float = 60, check=None) -> Case:
    def build(d: Path) -> list[list]:
        return [cli("extract", str(make(d)), "--backend", "ocr", "--json")]

    return Case(name, "image", build, budget=budget, check=check)


def _i_wide(d):
    from PIL import Image

    Image.new("RGB", (20000, 20), "white").save(d / "wide.png")
    return d / "wide.png"


def _i_tall(d):
    from PIL import Image

    Image.new("RGB", (20, 20000), "white").save(d / "tall.png")
    return d / "tall.png"


def _i_16bit(d):
    return page(d / "gray16.png", A_LINES, mode="I;16")


def _i_cmyk(d):
    return page(d / "cmyk.jpg", A_LINES, mode="CMYK")


def _i_truncated(d):
    p = page(d / "full.png", A_LINES)
    (d / "trunc.png").write_bytes(p.read_bytes()[:2000])
    return d / "trunc.png"


def _i_escape_name(d):
    return d / "missing\x1b]0;pwned\x07.png"


def _i_escape_name_bad(d):
    p = d / "bad\x1b[2Jname.png"
    p.write_bytes(b"not an image")
    return p


def _i_big_text(d):
    """An all-text page of ~38 MP (the issue's 211 s, 2.1 GB)."""
    from PIL import Image, ImageDraw

    w, h = 3800, 10000
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    font = _font(22)
    line = "Pricing tier Pro costs $20/mo and includes an API for agents " * 3
    for y in range(10, h - 30, 30):
        draw.text((10, y), line, fill=0, font=font)
    img.save(d / "big.png")
    return d / "big.png"


def _i_long_2x(d):
    """A long 2x capture (2560 x 9000): must still read."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (2560, 9000), "white")
    draw = ImageDraw.Draw(img)
    font = _font(56)
    draw.text((80, 60), "Acme Coder", fill="black", font=font)
    draw.text((80, 8600), "Pro $20/mo", fill="black", font=font)
    img.save(d / "long.png")
    return d / "long.png"


def _reads_name(want: str):
    def check(d: Path, results: list) -> list[str]:
        out = results[-1]["stdout"]
        try:
            name = json.loads(out).get("name") or ""
        except ValueError:
            name = ""
        return [] if want.lower() in name.lower() else ["unread"]

    return check


IMAGES = [("image_20000x20", _i_wide, 60, None), ("image_20x20000", _i_tall, 60, None),
          ("image_16bit_gray", _i_16bit, 60, _reads_name("Acme")), ("image_cmyk_jpeg", _i_cmyk, 60, _reads_name("Acme")),
          ("image_truncated", _i_truncated, 60, None), ("filename_osc_missing", _i_escape_name, 60, None),
          ("filename_escape_not_image", _i_escape_name_bad, 60, None), ("image_38mp_text", _i_big_text, 120, None),
          ("image_long_2x", _i_long_2x, 120, _reads_name("Acme"))]
