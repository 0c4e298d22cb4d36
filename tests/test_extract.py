"""Rules over OCR layout: pricing parsed from lines, every field backed by evidence, accuracy on the labeled set."""

from __future__ import annotations

import pytest
from conftest import EXAMPLES, SCREENS

from assistant.datamodel import OcrLine
from assistant.extract import extract_facts
from assistant.extract.pricing import extract_pricing, parse_prices
from assistant.extract.terms import find_license
from assistant.pipeline import read_screens
from benchmarks.accuracy import Score, load_truth, score_facts


def line(text, x=100, y=100, w=200, h=24):
    return OcrLine(text=text, box=(x, y, x + w, y + h), confidence=0.99, image="t.png")


@pytest.mark.parametrize("text, usd, period, unit, currency", [
    ("$20/mo", 20, "month", None, "USD"),
    ("$18/user/mo", 18, "month", "user", "USD"),
    ("€15/mo", 16.2, "month", None, "EUR"),
    ("£9 per month", 11.43, "month", None, "GBP"),
    ("$192/year", 192, "year", None, "USD"),
    ("$0.50 per 1M tokens", 0.5, "usage", "1M tokens", "USD"),
    ("USD 1,200 one-time", 1200, "one-time", None, "USD"),
    ("12 € / month", 12.96, "month", None, "EUR"),
])
def test_parse_prices(text, usd, period, unit, currency):
    (price,) = parse_prices(line(text))
    assert (price.usd, price.period, price.unit, price.currency) == (usd, period, unit, currency)


def test_tiers_from_cards_with_names_above_and_periods_beside():
    lines = [
        line("Free", 100, 200, 60), line("Pro", 500, 200, 60), line("Team", 900, 200, 60),
        line("$0", 100, 260, 50, 50), line("/month", 155, 280, 60), line("$20", 500, 260, 50, 50),
        line("/mo", 555, 280, 40), line("$40", 900, 260, 50, 50), line("/user/mo", 955, 280, 80),
        line("billed annually ($192/year)", 500, 320, 260),
    ]
    lines.sort(key=lambda ln: (ln.box[1], ln.box[0]))
    pricing, evidence = extract_pricing(lines)
    assert [(t.name, t.price_usd, t.period, t.unit) for t in pricing.tiers] == [
        ("Free", 0.0, "month", None), ("Pro", 20.0, "month", None), ("Team", 40.0, "month", "user")]
    assert (pricing.entry, pricing.entry_usd_per_month) == ("Free", 0.0)
    assert {e.text for e in evidence} >= {"Free", "$20", "Team"}


def test_no_free_tier_entry_is_cheapest_monthly():
    lines = [line("Starter", 100, 200), line("$29/mo", 100, 240), line("Scale", 500, 200), line("$240/year", 500, 240)]
    pricing, _ = extract_pricing(lines)
    assert (pricing.entry, pricing.entry_usd_per_month) == ("$240/yr", 20.0)


def test_money_that_is_not_a_price_is_ignored():
    pricing, _ = extract_pricing([line("Decision: venue near the river, budget €8k.")])
    assert pricing.tiers == []


@pytest.mark.parametrize("text, spdx", [
    ("License: apache-2.0", "Apache-2.0"), ("Released under the Apache 2.0 license", "Apache-2.0"),
    ("license: mit", "MIT"), ("© 2026 Acme. Proprietary software.", "Proprietary"),
    ("Weights under CC BY-NC 4.0 license", "CC-BY-NC-4.0"), ("GPLv3 licensed", "GPL-3.0"),
])
def test_license_to_spdx(text, spdx):
    assert find_license([line(text)])[0] == spdx


def test_no_license_from_copyright_line():
    assert find_license([line("© 2026 Acme Inc. All rights reserved.")]) is None


def test_landing_and_pricing_merge_into_one_product_with_evidence():
    screens = read_screens([EXAMPLES / "lumen-notes"])
    facts = extract_facts(screens)
    assert facts.name == "Lumen Notes"
    assert facts.tagline == "Notes that organise themselves."
    assert facts.category == "Productivity"
    assert [(t.name, t.price_usd) for t in facts.pricing.tiers] == [("Free", 0.0), ("Pro", 10.0), ("Team", 18.0)]
    assert facts.pricing.tiers[2].unit == "user"
    assert facts.images == ["landing.png", "pricing.png"]
    page = {(s.name, ln.text) for s in screens for ln in s.lines}
    for field in ("name", "tagline", "category", "description", "pricing"):
        assert facts.evidence[field], field
        for ev in facts.evidence[field]:
            assert (ev.image, ev.text) in page  # evidence is text really on the screenshot
            assert 0 < ev.confidence <= 1 and ev.box[2] > ev.box[0]


def test_open_weights_model_page():
    facts = extract_facts(read_screens([EXAMPLES / "kestrel-coder"]))
    assert (facts.license, facts.open_weights) == ("Apache-2.0", True)
    assert facts.evidence["license"] and facts.evidence["open_weights"]


@pytest.mark.slow
def test_field_accuracy_on_labeled_set_is_at_least_95_percent():
    total = Score()
    for name, label in load_truth().items():
        facts = extract_facts(read_screens([SCREENS / name]))
        score_facts(facts, label, total, where=name)
    assert total.total >= 100
    assert total.ratio >= 0.95, "\n".join(total.misses)
