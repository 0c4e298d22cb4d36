"""Follow-up questions on the example card (tests/example_card.py)."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from assistant.backends import Backend
from assistant.chat import ANSWER_SCHEMA, Answer, answer
from assistant.errors import BackendError
from assistant.history import History
from tests.example_card import example

runner = CliRunner()
DONE_WHEN = "Which one is cheaper to start with, and what does the Pro tier cost?"


@pytest.fixture(scope="module")
def built():
    return example()


@pytest.fixture
def card(built):
    comparison, screens = built
    return comparison.model_copy(deep=True), [[ln for s in p for ln in s.lines] for p in screens]


@pytest.fixture
def saved(built):
    comparison, screens = built
    return History.default().save(comparison.model_copy(deep=True), screens, "ocr")


def test_cheaper_to_start_and_the_pro_price(card):
    comparison, lines = card
    a = answer(comparison, DONE_WHEN, lines)
    assert a.answered and a.source == "device" and a.engine == "rules"
    assert "They cost the same to start: Lumen Notes starts at Free, Kestrel Coder starts at Free." in a.text
    assert "Lumen Notes' Pro tier costs $10/mo." in a.text
    pro = [c for c in a.citations if c.text == "$10/mo"]
    assert pro and pro[0].product == "Lumen Notes" and pro[0].field == "pricing" and pro[0].image == "pricing.png"


def test_cheaper_when_one_costs_more(card):
    comparison, lines = card
    kestrel = comparison.products[1].facts.pricing
    kestrel.entry, kestrel.entry_usd_per_month = "$20/mo", 20.0
    a = answer(comparison, "Which is cheaper to start with?", lines)
    assert a.text.startswith("Lumen Notes is cheaper to start: Lumen Notes starts at Free, Kestrel Coder starts at $20/mo")


@pytest.mark.parametrize("question, expected, field", [
    ("Which one has open weights?", "Kestrel Coder has open weights (“", "open_weights"),
    ("What license is Kestrel Coder under?", "Kestrel Coder is licensed Apache-2.0.", "license"),
    ("What does the Team plan cost?", "Lumen Notes' Team tier costs $18/user/mo.", "pricing"),
])
def test_fact_answers_cite_their_evidence(card, question, expected, field):
    comparison, lines = card
    a = answer(comparison, question, lines)
    assert expected in a.text
    assert any(c.field == field and c.image for c in a.citations)
    for c in a.citations:  # every cited page text is really on the page
        if c.image:
            assert any(c.text == ln.text for p in lines for ln in p)


def test_how_the_reviewers_differ_and_why(card):
    comparison, lines = card
    a = answer(comparison, "How do the reviewers differ, and why?", lines)
    for rid in ("Builder", "Skeptic", "Futurist", "Founder"):
        scores = [next(r.score for r in p.reviews if r.reviewer == rid.lower()) for p in comparison.products]
        assert f"{rid}: Lumen Notes {scores[0]}/100" in a.text and f"Kestrel Coder {scores[1]}/100" in a.text
    assert any(c.field and c.field.startswith("review:") for c in a.citations)
    one = answer(comparison, "Why does the builder prefer one?", lines)
    assert one.text.startswith("Builder:") and "Skeptic" not in one.text


def test_panel_verdicts(card):
    comparison, lines = card
    a = answer(comparison, "Which should I ship, what are the verdicts?", lines)
    p0, p1 = (p.panel for p in comparison.products)
    assert f"Lumen Notes: {p0.verdict} ({p0.ship} ship / {p0.skip} skip, {p0.ship_pct}%)" in a.text
    assert f"Kestrel Coder: {p1.verdict} ({p1.ship} ship / {p1.skip} skip" in a.text


def test_unknown_tier_and_out_of_scope_say_so(card):
    comparison, lines = card
    assert "No product on this card shows a tier named 'Enterprise'." in answer(
        comparison, "What does the Enterprise plan cost?", lines).text
    beyond = answer(comparison, "Who founded the company and how large is the team?", lines)
    assert not beyond.answered and not beyond.citations
    assert "beyond what the rules engine can answer" in beyond.text
    assert "--backend llamacpp" in beyond.text and "--escalate" in beyond.text


def test_other_questions_quote_matching_page_lines(card):
    comparison, lines = card
    a = answer(comparison, "Does Lumen Notes have SSO?", lines)
    assert a.answered and "does not interpret it" in a.text
    assert a.citations and all("SSO" in c.text and c.product == "Lumen Notes" for c in a.citations)


class FakeChatBackend(Backend):
    """A VLM stand-in: answers from a queue and records what it was given."""

    name, label, chats = "fake-vlm", "fake", True

    def __init__(self, replies):
        super().__init__()
        self.replies, self.calls = list(replies), []

    def extract(self, screens):
        raise NotImplementedError

    def ask(self, prompt, screens, schema):
        self.calls.append((prompt, screens, schema))
        reply = self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return reply


def test_a_vlm_answers_with_checked_quotes(built):
    comparison, screens = built
    fake = FakeChatBackend([
        {"answer": "Lumen Notes Pro is $10 a month.", "quotes": ["$10/mo", "Unlimited everything for $1"]},
        {"answer": "Kestrel Coder ships open weights.", "quotes": ["open-weights code model"]},
    ])
    a = answer(comparison, "What does Pro cost?", backend=fake, screens_by_product=screens)
    assert a.engine == "fake-vlm" and a.source == "device"
    assert [(c.product, c.text, c.image) for c in a.citations] == [("Lumen Notes", "$10/mo", "pricing.png")]
    assert "1 quote(s) from the model are not on the page" in a.text
    b = answer(comparison, "Open weights?", backend=fake, screens_by_product=screens)
    assert b.citations[0].product == "Kestrel Coder"
    (p1, s1, schema), (_, s2, _) = fake.calls
    assert schema == ANSWER_SCHEMA and "What does Pro cost?" in p1 and "<facts>" in p1
    assert [s.loaded.sha256 for s in s1] == [s.loaded.sha256 for s in s2]  # same screens: the image prefix is reused


def test_a_failing_vlm_falls_back_to_the_rules(built):
    comparison, screens = built
    fake = FakeChatBackend([BackendError("The model's answer lacks 'answer'."), None])
    assert answer(comparison, DONE_WHEN, backend=fake, screens_by_product=screens).engine == "rules"
    assert answer(comparison, DONE_WHEN, backend=fake, screens_by_product=screens).engine == "rules"


def test_cli_ask_uses_stored_lines_and_keeps_the_answer(saved):
    from assistant.cli import app

    result = runner.invoke(app, ["ask", str(saved), DONE_WHEN])
    assert result.exit_code == 0, result.output
    assert "Lumen Notes' Pro tier costs $10/mo." in result.stdout and "Lumen Notes · pricing · pricing.png: “$10/mo”" in result.stdout
    as_json = runner.invoke(app, ["ask", str(saved), "Which has open weights?", "--json"])
    assert Answer.model_validate_json(as_json.stdout).citations[0].field == "open_weights"
    assert [a.question for a in History.default().answers(saved)] == [DONE_WHEN, "Which has open weights?"]
    assert "Does Lumen Notes have SSO" not in result.stdout
    sso = runner.invoke(app, ["ask", str(saved), "Does Lumen Notes have SSO?"])  # needs the stored OCR lines
    assert "SSO" in sso.stdout and "pricing.png" in sso.stdout


def test_cli_chat_reads_questions_until_exit(saved):
    from assistant.cli import app

    piped = f"{DONE_WHEN}\n\nWhat license is Kestrel Coder under?\nexit\nWhich has open weights?\n"
    result = runner.invoke(app, ["chat", str(saved)], input=piped)
    assert result.exit_code == 0, result.output
    assert "$10/mo" in result.stdout and "Apache-2.0" in result.stdout and "has open weights" not in result.stdout
    assert len(History.default().answers(saved)) == 2
    at_eof = runner.invoke(app, ["chat", str(saved)], input="Which has open weights?")
    assert "Kestrel Coder has open weights (“" in at_eof.stdout


def test_demo_saves_and_ask_answers_on_its_id(tmp_path):
    """The done-when path: `shipcard demo`, then ask on the id it printed."""
    from assistant.cli import app

    demo = runner.invoke(app, ["demo", "--backend", "ocr", "--out", str(tmp_path / "out")])
    assert demo.exit_code == 0, demo.output
    cid = re.search(r"saved as #(\d+)", demo.output).group(1)
    result = runner.invoke(app, ["ask", cid, DONE_WHEN, "--json"])
    a = json.loads(result.stdout)
    assert "Pro tier costs $10/mo" in a["text"] and a["source"] == "device"


def test_open_source_and_open_weights_are_different_facts(card):
    """Kestrel Coder's page shows open weights and an Apache-2.0 license; Lumen Notes' shows neither. Main answered
    an open-source question with the open-weights fact."""
    comparison, lines = card
    a = answer(comparison, "Is Kestrel Coder open source?", lines)
    assert a.text.startswith("Kestrel Coder is open source: the page shows")
    assert "open weights" in a.text and any(c.field == "open_weights" for c in a.citations)
    assert any(c.field in ("open_source", "license") and c.image for c in a.citations)
    lumen = answer(comparison, "Is Lumen Notes open source?", lines)
    assert "The page does not say whether Lumen Notes is open source." in lumen.text
    assert "has open weights" not in lumen.text and "does not say whether its weights" not in lumen.text
    weights_only = comparison.model_copy(deep=True)  # weights shown, no license: open weights, not open source
    weights_only.products[1].facts.license = None
    no_source = [[ln for ln in p if "open source" not in ln.text.lower()] for p in lines]
    only = answer(weights_only, "Is Kestrel Coder open source?", no_source)
    assert only.text.startswith("The page does not say whether Kestrel Coder is open source.")
    assert "not the same as open source" in only.text


def test_which_is_cheaper_talks_about_price_not_the_panel(card):
    comparison, lines = card
    for q in ("Which is cheaper?", "Which is the better deal, which one is cheaper?"):
        a = answer(comparison, q, lines)
        assert "cost the same to start" in a.text or "cheaper to start" in a.text, a.text
        assert "Panel verdicts" not in a.text and "panel" not in a.text.lower(), a.text


@pytest.mark.parametrize("question", ["Which is cheaper?", "Is it open source?", "Which one has open weights?",
                                      "What license is it under?", "Should I ship with it?", "How do the reviewers differ?",
                                      "What does the Team plan cost?", "Describe them", "How does the skeptic differ?"])
def test_every_answer_cites_or_says_the_page_does_not_say(card, question):
    comparison, lines = card
    a = answer(comparison, question, lines)
    said = re.split(r"(?<=[.)])\s+(?=[A-Z])", a.text)
    page_quotes = [c for c in a.citations if c.image]  # a line of a screenshot, not a count from the card
    assert page_quotes or "does not say" in a.text or "No single line" in a.text, a.text
    for product in comparison.products:  # each product named gets a quote of its own or a 'does not say'
        name = product.facts.name
        if name in a.text and not any(c.product == name for c in a.citations):
            assert any(name in s and ("does not say" in s or "No single line" in s or "no " in s) for s in said), a.text


def test_one_price_shown_is_not_cheaper(card):
    """Main said 'Swetrix is cheaper to start' when the other product showed no price at all."""
    comparison, lines = card
    kestrel = comparison.products[1].facts.pricing
    kestrel.entry, kestrel.entry_usd_per_month, kestrel.tiers = None, None, []
    a = answer(comparison, "Which is cheaper?", lines)
    assert a.text.startswith("Only Lumen Notes shows an entry price: Lumen Notes starts at Free."), a.text
    assert "do not say which is cheaper" in a.text and "is cheaper to start" not in a.text
    solo = comparison.model_copy(deep=True)
    solo.products = solo.products[:1]
    one = answer(solo, "Which is cheaper?", lines[:1])
    assert one.text.startswith("Lumen Notes starts at Free") and "cheaper" not in one.text, one.text


def test_a_reviewer_question_gets_that_reviewer_not_the_panel(card):
    """'Why did the skeptic skip?' named a reviewer; main appended every panel verdict and the Founder's point."""
    comparison, lines = card
    a = answer(comparison, "Why did the skeptic skip?", lines)
    assert a.text.startswith("The Skeptic did not skip here. Skeptic:"), a.text
    assert "Panel verdicts" not in a.text and "Founder" not in a.text and "Futurist" not in a.text


def test_best_for_answers_with_the_cards_best_for(card):
    """'What is it best for?' read 'best' as a verdict question and answered with the panel, citing nothing."""
    comparison, lines = card
    a = answer(comparison, "What is Lumen Notes best for?", lines)
    assert a.text == "Lumen Notes is best for: Notes that organise themselves.", a.text
    assert [c.field for c in a.citations] == ["tagline"] and a.citations[0].image


def test_a_lone_skip_says_what_it_rests_on_and_cost_without_prices_says_so(card):
    """On drawDB's verdict card main answered 'why did the skeptic skip?' with the score alone, and 'what does it
    cost?' with 'beyond what the rules can answer' though the card knows there is no pricing."""
    comparison, lines = card
    solo = comparison.model_copy(deep=True)
    solo.products = solo.products[:1]
    skeptic = next(r for r in solo.products[0].reviews if r.reviewer == "skeptic")
    skeptic.verdict = "skip"
    for k in skeptic.criteria:
        k.met, k.evidence = None, []
    a = answer(solo, "Why did the skeptic skip?", lines[:1])
    label = re.sub(r"\s*\([^)]*\)", "", max(skeptic.criteria, key=lambda k: k.weight).label).strip()
    assert f"It misses '{label}': the screenshots do not show it." in a.text, a.text
    assert "No single line" not in a.text and "Panel verdicts" not in a.text, a.text
    solo.products[0].facts.pricing.tiers, solo.products[0].facts.pricing.entry = [], None
    cost = answer(solo, "What does it cost?", lines[:1])
    assert cost.answered and cost.text == "Lumen Notes: no pricing on the screenshots.", cost.text
