"""Card renderings against golden files (SHIPCARD_REGEN_GOLDEN=1 regenerates them), and the PNG."""

from __future__ import annotations

import json
import os
from pathlib import Path

from conftest import EXAMPLES, GOLDEN, REGEN, golden
from PIL import Image

from assistant.card import render_html, render_json, render_markdown, write_card
from assistant.datamodel import Comparison, LoadedImage, OcrLine, ProductCard, Screen
from assistant.extract import extract_facts
from assistant.judge import judge_product, panel
from assistant.rubrics import load_rubrics

LINES = Path(__file__).parent / "data" / "frozen_example_lines.json"


def _lines_fixture() -> dict:
    """OCR lines of the examples, frozen so goldens test extraction → judging → rendering, not OCR drift."""
    if REGEN or not LINES.exists():
        from assistant.pipeline import read_screens

        data = {p.name: [{"image": s.name, "size": s.size, "lines": [ln.__dict__ for ln in s.lines]}
                         for s in read_screens([p])] for p in sorted(EXAMPLES.iterdir()) if p.is_dir() and p.name != "html"}
        LINES.write_text(json.dumps(data, indent=1))
    return json.loads(LINES.read_text())


def _screens(entries) -> list[Screen]:
    out = []
    for e in entries:
        loaded = LoadedImage(name=e["image"], image=Image.new("RGB", tuple(e["size"])), sha256="fixture")
        out.append(Screen(loaded=loaded, lines=[OcrLine(**{**ln, "box": tuple(ln["box"])}) for ln in e["lines"]]))
    return out


def frozen_comparison() -> Comparison:
    rubrics = load_rubrics()
    cards = []
    for _, entries in sorted(_lines_fixture().items(), key=lambda kv: kv[0] != "lumen-notes"):
        screens = _screens(entries)
        facts = extract_facts(screens)
        reviews = judge_product(facts, screens, rubrics)
        cards.append(ProductCard(facts=facts, reviews=reviews, panel=panel(reviews)))
    return Comparison(title=" vs ".join(c.facts.name for c in cards), products=cards)


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
