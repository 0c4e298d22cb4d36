"""A tier's price reads as the page shows it: OCR that splits '$288/year' into '$288/' and '/year' (benchmarks/data
quillmate-pricing) gave the card 'Business $288/ /year'."""

from __future__ import annotations

from assistant.card.text import tiers_text
from assistant.datamodel import Facts, OcrLine
from assistant.extract.pricing import extract_pricing


def _line(text, box):
    return OcrLine(text=text, box=box, confidence=1.0, image="pricing.png")


def _tiers(price, beside):
    lines = [_line("Business", (855, 274, 967, 301)), _line(price, (855, 337, 995, 393)),
             _line(beside, (979, 359, 1032, 388))]
    pricing, _ = extract_pricing(lines)
    return pricing


def test_a_price_split_at_its_slash_reads_whole_on_the_card():
    pricing = _tiers("$288/", "/year")
    assert [t.text for t in pricing.tiers] == ["$288/year"]
    assert pricing.tiers[0].period == "year" and pricing.entry == "$288/yr"
    assert tiers_text(Facts(backend="ocr", pricing=pricing)) == "Business $288/year"


def test_a_period_set_beside_the_price_joins_it():
    assert [t.text for t in _tiers("$20", "/mo").tiers] == ["$20/mo"]
    assert [t.text for t in _tiers("$20", "per month").tiers] == ["$20 per month"]


def test_plan_names_are_not_glued_to_the_product_heading_over_them():
    """A two-plan block under the product's heading (benchmarks/corpus comparison/lechat-vs-chatgpt) read as
    'Le Chat Free / Free $0/month / ...': the heading taken for the Free plan's name, the plan counted twice."""
    lines = [_line("Le Chat", (129, 162, 219, 193)),
             _line("Mistral AI's assistant, with web search, canvas and documents", (131, 212, 612, 234)),
             _line("Free", (127, 270, 177, 300)), _line("$0/month", (532, 271, 619, 299)),
             _line("Pro", (125, 314, 171, 345)), _line("$14.99/month", (501, 316, 617, 343))]
    pricing, _ = extract_pricing(lines)
    assert tiers_text(Facts(backend="ocr", pricing=pricing)) == "Free $0/month / Pro $14.99/month"
    assert pricing.entry == "Free"
