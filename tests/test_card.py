"""Card renderings against golden files (SHIPCARD_REGEN_GOLDEN=1 regenerates them), and the PNG."""

from __future__ import annotations

import os

import pytest
from conftest import GOLDEN, golden
from markupsafe import escape
from PIL import Image

from assistant.card import render_html, render_json, render_markdown, write_card
from assistant.card.text import pick_line
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


def _long_card() -> Comparison:
    """The example card with one rationale far longer than any column line, and a word wider than a column."""
    c = frozen_comparison()
    c.products[0].reviews[0].rationale = " ".join(f"Sentence {i} ends with its own last words." for i in range(40))
    c.products[1].facts.tagline = "x" * 400
    return c


@pytest.mark.parametrize("make", [frozen_comparison, _long_card])
def test_png_wraps_and_grows_and_never_cuts_a_sentence(make):
    from assistant.card.png import column_width, layout, render_png, text_width

    c = make()
    top, columns = layout(c)
    inner = column_width(c) - 2 * 18
    for p, rows in zip(c.products, columns, strict=True):
        for source in [r.rationale for r in p.reviews] + [p.facts.tagline]:
            size = 12 if source != p.facts.tagline else 15
            drawn = [r.text for r in rows if r.size == size and r.text]
            assert " ".join(source.split()) in " ".join(drawn) or source in "".join(drawn)  # every word, in order
        assert all(text_width(r.text, r.size) <= inner for r in rows)  # nothing runs past its column
    assert pick_line(c) in " ".join(r.text for r in top)
    short, tall = render_png(frozen_comparison()), render_png(c)
    assert tall.height >= short.height and (make is frozen_comparison or tall.height > short.height)


def test_decision_table_has_the_reference_rows_and_the_pick_line():
    c = frozen_comparison()
    md, html = render_markdown(c), render_html(c)
    rows = [line.split("|")[1].strip() for line in md.splitlines() if line.startswith("| ") and "|" in line[2:]]
    assert rows[1:6] == ["Panel verdict", "Community", "Pricing", "Best for", "Category"]
    assert f"| Best for | {c.products[0].facts.tagline} | {c.products[1].facts.tagline} |" in md
    assert "**Which one should you ship with?** Ship with Kestrel Coder" in md
    for heading in ("## Reviewer scorecard", "### Builder", "### Skeptic", "### Futurist", "### Founder"):
        assert heading in md
    assert "<td>Best for</td>" in html and "Which one should you ship with?" in html
    for p in c.products:  # HTML wraps: every rationale is there whole
        assert all(str(escape(r.rationale)) in html for r in p.reviews)


def test_one_product_card_answers_ship_or_skip_in_one_line():
    c = frozen_comparison()
    skipped = c.products[0].model_copy(deep=True)  # the skip branch too, whatever today's rules decide
    skipped.panel = skipped.panel.model_copy(update={"verdict": "skip", "ship": 1, "skip": 3, "ship_pct": 25})
    for p in [*c.products, skipped]:
        word = f"{p.panel.verdict.capitalize()} {p.facts.name}"
        alone = Comparison(title=p.facts.name, products=[p])
        line = pick_line(alone)
        assert line.startswith(word) and "\n" not in line and line.endswith(".")
        assert f"**Should you ship with it?** {line}" in render_markdown(alone)


def _with_verdicts(p, verdicts: str):
    """A copy of product card `p` whose reviewers say `verdicts` ('++--': ship, ship, skip, skip), panel recounted."""
    from assistant.judge import panel

    p = p.model_copy(deep=True)
    for r, v in zip(p.reviews, verdicts, strict=True):
        r.verdict = "ship" if v == "+" else "skip"
        r.score = r.threshold + 5 if v == "+" else r.threshold - 5
    p.panel = panel(p.reviews)
    return p


def test_a_two_two_panel_is_a_split_panel_and_the_pick_line_says_what_breaks_the_tie():
    c = frozen_comparison()
    split, behind = _with_verdicts(c.products[0], "++--"), _with_verdicts(c.products[1], "+---")
    assert split.panel.verdict == "split"
    both = Comparison(title="t", products=[split, behind])
    line, md, html = pick_line(both), render_markdown(both), render_html(both)
    assert not line.startswith("Ship with") and "Ship with" not in md and "Split panel" in md and "Split panel" in html
    assert line.startswith(f"Neither yet: the panel splits on {split.facts.name}")
    assert "the tie breaks if the page showed the " in line and "(at 55, bar 60)" in line
    alone = pick_line(Comparison(title="t", products=[split]))
    assert alone.startswith(f"Split panel on {split.facts.name}: 2 of 4 reviewers say ship;") and "tie" in alone


def test_pick_lines_and_counts_read_as_english():
    c = frozen_comparison()
    one, none = _with_verdicts(c.products[0], "+---"), _with_verdicts(c.products[1], "----")
    line = pick_line(Comparison(title="t", products=[one, none]))
    assert line.startswith(f"Neither yet: {one.facts.name} comes closest (1 of 4 reviewers says ship, against 0 "
                           f"for {none.facts.name});"), line  # not 'with 1 of 4 reviewers says ship'
    far = _with_verdicts(c.products[0], "++--")
    for r in far.reviews:  # the skipping reviewers far under their bars: no one criterion lifts either over
        if r.verdict == "skip":
            r.score = 10
    tie = pick_line(Comparison(title="t", products=[far]))
    assert "new point" not in tie and "is 50 points short, more than any one of its criteria adds" in tie, tie
    assert "the best," not in line
    single = Comparison(title="t", products=[one.model_copy(update={"facts": one.facts.model_copy(
        update={"images": one.facts.images[:1]})})])
    assert "from 1 screenshot." in render_html(single) and "1 screenshots" not in render_html(single)


def test_best_for_is_the_tagline_else_a_phrase_of_the_description():
    from assistant.card.text import best_for

    facts = frozen_comparison().products[1].facts
    assert best_for(facts) == facts.tagline
    no_tagline = facts.model_copy(update={"tagline": None, "name": "Cursor 2.0", "description": (
        "Cursor 2.0 is an AI-native code editor that introduces a multi-file agent mode capable of autonomously "
        "planning and executing refactors. The update adds background tasks.")})
    said = best_for(no_tagline)
    assert said.startswith("An AI-native code editor that introduces a multi-file agent mode") and said != "Not stated"
    assert "Cursor 2.0 is" not in said and len(said) <= 91
    slogan = no_tagline.model_copy(update={"description": "Private notes that think with you. Lumen keeps them."})
    assert best_for(slogan) == "Private notes that think with you"
    assert best_for(slogan.model_copy(update={"description": None})) == "Not stated"


def test_equal_ship_counts_say_the_scores_decide():
    c = frozen_comparison()
    a, b = _with_verdicts(c.products[0], "+++-"), _with_verdicts(c.products[1], "+++-")
    for r in b.reviews:
        r.score -= 3
    line = pick_line(Comparison(title="t", products=[a, b]))
    assert line.startswith(f"Ship with {a.facts.name}: 3 of 4 reviewers say ship for both, and {a.facts.name} "
                           "scores higher on average"), line
    assert "against 3 for" not in line
