"""The PNG card draws every character it is given, never the font's empty box (tofu): ✓ → “ ” — € are in the
bundled DejaVu Sans cut, and a character outside it (CJK, emoji) is drawn as U+FFFD."""

from __future__ import annotations

import pytest

from assistant.card.png import FONT, MISSING, _font, drawable, layout, render_png
from tests.example_card import example

SAMPLE = "✓ Admin & SSO → “open weights” — €20/mo · ✗ no SLA … 中文 👍"


def _card():
    c = example()[0]
    p = c.products[0]
    p.facts.tagline = "✓ Offline first → syncs everywhere"
    p.reviews[0].rationale = f"The page says {SAMPLE}. It ships."
    return c


def _drawn(c) -> str:
    top, columns = layout(c)
    return "".join(drawable(r.text) for r in top + [r for rows in columns for r in rows])


def test_every_character_drawn_is_in_the_font():
    cmap = pytest.importorskip("fontTools.ttLib").TTFont(FONT).getBestCmap()
    drawn = _drawn(_card())
    assert {ch for ch in drawn if not ch.isspace() and ord(ch) not in cmap} == set()
    for ch in "✓→“”—€✗…":
        assert ch in drawn  # drawn as themselves, not substituted
    assert drawn.count(MISSING) == 3  # 中, 文 and 👍, each one visible replacement mark


def test_no_glyph_is_the_notdef_box():
    """Independent of the coverage lookup: each drawn character's ink differs from the .notdef box's."""
    font = _font(24)
    box = bytes(font.getmask("\U0010fffd"))
    for ch in set(_drawn(_card())) - {" "}:
        assert bytes(font.getmask(ch)) != box, f"{ch!r} would be drawn as an empty box"
    assert render_png(_card()).width == 1200
