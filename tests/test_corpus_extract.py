"""Extraction on pages nobody here designed: the labeled corpus from frozen OCR lines (seconds, no OCR run),
the name readings, a leave-one-family-out run, and the correction loop (fix -> judged again -> labeled export)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from assistant.backends import choose
from assistant.corrections import apply
from assistant.datamodel import Facts
from assistant.errors import ShipcardError
from assistant.extract import extract_facts
from assistant.extract.candidates import readings
from assistant.session import Session
from benchmarks import accuracy, labeled
from tests.example_card import example

runner = CliRunner()
HOST_FAMILIES = {"aggregator", "review-site", "github-readme"}


def test_headings_are_read_as_people_title_pages():
    def names(text: str) -> set[str]:
        return {t for t, _ in readings(text)}

    assert "Foo" in names("Foo - the fastest way to ship")
    assert "phi-3.5-mini" in names("microsoft / phi-3.5-mini")
    assert "Claude API" in names("Claude API pricing")
    assert "Foo" in names("Introducing Foo")
    assert {"Aider", "Cline"} <= names("Aider vs Cline")
    assert "Ollama" in names("© Ollama") and "A Team" in names("A Team")


def test_the_corpus_loads_from_frozen_lines_and_keeps_sealed_families_out():
    shots = labeled.corpus_shots()
    assert len({s.family for s in shots}) >= 9 and not any(s.sealed for s in shots)
    assert all(s.screen.lines and s.screen.size[0] >= 300 for s in shots)


def test_host_sites_name_the_product_not_the_site():
    """On directories and hubs the site's own wordmark competes with the product's heading: the product wins,
    and a competing name is kept as an alternative with a confidence in [0, 1]."""
    shots = [s for s in labeled.corpus_shots(families=HOST_FAMILIES) if s.key.endswith("__light.png")]
    right = runners_up = 0
    for shot in shots:
        facts = extract_facts([shot.screen])
        right += accuracy.field_ok(facts, "name", shot.truth)
        runners_up += bool(facts.alternatives.get("name"))
        assert 0.0 <= facts.confidence["name"] <= 1.0 and facts.name not in facts.alternatives.get("name", [])
    assert right / len(shots) >= 0.8 and runners_up / len(shots) >= 0.5, f"{right}, {runners_up} of {len(shots)}"


def test_leave_one_family_out_runs_on_frozen_lines():
    """The learned name ranker, fitted without each family in turn, scores every family it left out."""
    pytest.importorskip("sklearn")
    from benchmarks.learned import fit

    shots = [s for s in labeled.corpus_shots(families=HOST_FAMILIES) if "__light" in s.key or "__dark" in s.key]
    scores = accuracy.holdout(shots, fit)
    assert set(scores) == HOST_FAMILIES
    total = sum(s.right for s in scores.values()) / sum(s.total for s in scores.values())
    assert total >= 0.5, accuracy.table(scores)


def test_corrections_parse_what_people_type():
    facts = Facts(backend="ocr", name="X")
    fixed = apply(facts, "tiers", "Free=$0, Pro=$20/mo, Team=$40 per user/month")
    assert [(t.name, t.price_usd, t.unit) for t in fixed.pricing.tiers] == [
        ("Free", 0.0, None), ("Pro", 20.0, None), ("Team", 40.0, "user")]
    assert fixed.pricing.entry == "Free" and fixed.provenance["pricing"] == "person"
    assert apply(facts, "open_weights", "yes").open_weights is True
    assert apply(facts, "license", "apache 2.0").license == "Apache-2.0"
    assert apply(fixed, "tagline", "").tagline is None
    for field, value in (("tiers", "Pro 20"), ("open_weights", "maybe"), ("colour", "red"), ("entry", "soon")):
        with pytest.raises(ShipcardError) as err:
            apply(facts, field, value)
        assert "\n" not in str(err.value)


def test_a_fixed_card_is_judged_again_and_exports_as_a_labeled_entry(tmp_path):
    from assistant.cli import app

    cid = Session.of(*example(), choose("ocr")).save()
    done = runner.invoke(app, ["fix", str(cid), "open_weights", "no", "--product", "Kestrel Coder"])
    assert done.exit_code == 0, done.output
    shown = runner.invoke(app, ["show", str(cid), "--format", "md"]).output
    assert "Set by a person (no evidence on the page): open weights." in shown

    out = tmp_path / "labels"
    done = runner.invoke(app, ["export", "--all", "--labeled", "--out", str(out)])
    assert done.exit_code == 0, done.output
    truth = json.loads((out / "truth.json").read_text())
    assert truth and all(t["open_weights"] is False and t["corrected"] == ["open_weights"] for t in truth.values())
    key = next(iter(truth))
    frozen = json.loads((out / "lines" / key).with_suffix(".json").read_text())
    screen = labeled.screen_from(frozen, out / "screens" / key, key)
    assert extract_facts([screen]).name  # the entry reads like any corpus page


def test_a_persons_value_counts_as_support_and_says_whose_it_is():
    """Tiers a person types let the reviewers credit pricing again, citing the person, not a screenshot."""
    from assistant.corrections import PERSON

    session = Session.of(*example(), choose("ocr"))
    cleared = {r.reviewer: r.score for r in session.fix("1", "tiers", "").reviews}
    card = session.fix("1", "tiers", "Free=$0, Pro=$20/mo")
    after = {r.reviewer: r.score for r in card.reviews}
    assert any(after[k] > cleared[k] for k in cleared), (cleared, after)
    cited = [e for r in card.reviews for c in r.criteria if c.met for e in c.evidence if e.image == PERSON]
    assert cited and all(e.text == "Free=$0, Pro=$20/mo" for e in cited)
