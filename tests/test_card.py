"""Card renderings against golden files (SHIPCARD_REGEN_GOLDEN=1 regenerates them), and the PNG."""

from __future__ import annotations

import os

import pytest
from conftest import GOLDEN, golden
from PIL import Image

from assistant.card import render_html, render_json, render_markdown, write_card
from assistant.datamodel import Comparison
from tests.example_card import example


def frozen_comparison() -> Comparison:
    """The example card (tests/example_card.py): frozen OCR lines, so goldens test extraction → judging → rendering."""
    return example()[0]


def test_golden_markdown_html_json():
    c = frozen_comparison()
    assert c.title == "Lumen Notes vs Kestrel Coder"
    golden("card.md", render_markdown(c))
    golden("card.html", render_html(c))
    golden("card.json", render_json(c))


def test_html_is_self_contained_and_themed():
    html = render_html(frozen_comparison())
    assert "http://" not in html and "https://" not in html and "<script src" not in html
    assert "prefers-color-scheme: dark" in html
    assert html.count('class="score"') == 8


def test_html_escapes_page_text():
    c = frozen_comparison()
    c.products[0].facts.tagline = "<script>alert(1)</script>"
    assert "<script>alert(1)" not in render_html(c)


def test_write_card_all_formats(tmp_path):
    written = write_card(frozen_comparison(), tmp_path, ["html", "md", "json", "png"])
    assert [p.suffix for p in written] == [".html", ".md", ".json", ".png"]
    png = Image.open(tmp_path / "card.png")
    assert png.width == 1200 and png.height > 600
    assert not list(tmp_path.glob("*.part"))
    assert Comparison.model_validate_json((tmp_path / "card.json").read_text()).products[1].facts.license == "Apache-2.0"


def test_regeneration_flag_is_off():
    """Guard: a run with SHIPCARD_REGEN_GOLDEN=1 rewrites goldens instead of checking them."""
    assert os.environ.get("SHIPCARD_REGEN_GOLDEN") != "1", "unset SHIPCARD_REGEN_GOLDEN before committing"
    assert (GOLDEN / "card.md").exists()


def test_missing_frozen_lines_fail_instead_of_being_rewritten(monkeypatch, tmp_path):
    """The frozen OCR fixture is rewritten only on purpose (SHIPCARD_REGEN_DATA=1), never because it is missing."""
    from tests import example_card

    monkeypatch.setattr(example_card, "LINES", tmp_path / "frozen_example_lines.json")
    with pytest.raises(AssertionError, match="SHIPCARD_REGEN_DATA=1"):
        example_card.frozen_lines()
    assert not example_card.LINES.exists()
