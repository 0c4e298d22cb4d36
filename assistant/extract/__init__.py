"""Rule-based extraction: OCR lines and their layout in, the facts of one product out.

Several screenshots of one product (landing + pricing) merge into one set of facts:
name and tagline come from the screen that names the product most surely (`identity.py`), other
identity fields from any screen, tiers are the union of every screen's tiers, and the first license or open-weights
statement found wins. Every field carries the OCR lines it was read from as evidence.
"""

from __future__ import annotations

from ..datamodel import Evidence, Facts, OcrLine, Page, Pricing, Screen
from ..page import own_lines, page_of
from .identity import Choice, Scorer, choose_name, choose_tagline
from .pricing import dedupe, entry_of, extract_pricing
from .repair import agreed_spelling, reread, unglued
from .terms import find_claims, find_license, find_open_weights
from .text import find_category, find_description

__all__ = ["extract_facts"]


def extract_facts(screens: list[Screen], backend: str = "ocr", name_scorer: Scorer | None = None) -> Facts:
    """The facts of one product. `name_scorer` ranks name readings (default: the layout prior)."""
    pages = [page_of(s) for s in screens]
    facts = Facts(backend=backend, images=[s.name for s in screens])
    evidence: dict[str, list[Evidence]] = {}

    for field, choice in _identity(pages, name_scorer).items():
        if choice is not None and not choice.shown:  # not on the page: say so, and offer what was read
            facts.confidence[field] = round(choice.confidence, 3)
            facts.alternatives[field] = [choice.pick.text] + [text for text, _ in choice.alternatives]
        elif choice is not None:
            setattr(facts, field, _mended(choice.pick, pages) if field == "name" else choice.pick.text)
            evidence[field] = [ln.evidence() for ln in choice.pick.lines]
            facts.confidence[field] = round(choice.confidence, 3)
            if choice.alternatives:
                facts.alternatives[field] = [text for text, _ in choice.alternatives]

    own = [own_lines(p, facts.name) for p in pages]  # from here on, an 'A vs B' page's B column is not A's
    pricing, price_evidence = _pricing(own)
    facts.pricing = pricing
    if price_evidence:
        evidence["pricing"] = price_evidence
        facts.confidence["pricing"] = RULE_CONFIDENCE["pricing"]

    all_lines = [ln for lines in own for ln in lines]
    found_license = find_license(all_lines)
    if found_license:
        facts.license, line = found_license
        evidence["license"] = [line.evidence()]
        facts.confidence["license"] = RULE_CONFIDENCE["license"]
    weights = find_open_weights(all_lines, facts.license)
    if weights:
        facts.open_weights, line = weights
        evidence["open_weights"] = [line.evidence()]
        facts.confidence["open_weights"] = RULE_CONFIDENCE["open_weights"]
    claims = find_claims(all_lines)
    facts.claims = [c for c, _ in claims]
    if claims:
        evidence["claims"] = [ln.evidence() for _, ln in claims]

    facts.evidence = evidence
    facts.provenance = {field: "device" for field in evidence}
    return facts


# How often each rule's value was right when it fired, on the unsealed corpus families and labeled-v1 (2026-11-29):
# license 57/60, open weights 18/21, category 13/28; pricing counts as right only when every tier is (16/82).
# Descriptions are not labeled: 0.5 says "unmeasured".
RULE_CONFIDENCE = {"pricing": 0.2, "license": 0.95, "open_weights": 0.86, "category": 0.46, "description": 0.5}


def _mended(pick, pages: list[Page]) -> str:
    """The name as the page's other lines spell it, without a version OCR glued on (`repair.py`)."""
    lines = [ln for p in pages for ln in p.lines]
    source = pick.lines[0]
    loaded = next((p.screen.loaded for p in pages if source in p.lines), None)
    return unglued(agreed_spelling(reread(pick.text, source, loaded), lines, source), lines)


def _identity(pages: list[Page], scorer: Scorer | None) -> dict[str, Choice | None]:
    """Name and tagline from the screen that names the product most surely; other fields filled from any."""
    found = [_screen_identity(p, scorer) for p in pages]
    if not found:
        return {}
    best = max(found, key=lambda f: (f["name"].confidence if f["name"] else -1.0, f["tagline"] is not None))
    for other in found:
        for key, value in other.items():
            if best[key] is None and value is not None and key not in ("name", "tagline"):
                best[key] = value
    return best


def _screen_identity(page: Page, scorer: Scorer | None) -> dict[str, Choice | None]:
    name = choose_name(page, scorer) if page.lines else None
    tagline = choose_tagline(page, name) if name and name.shown else None
    used = {id(ln) for choice in (name, tagline) if choice for ln in choice.pick.lines}
    category = find_category(page, name.pick if name else None)
    description = find_description(page, used)
    return {
        "name": name,
        "tagline": tagline,
        "category": Choice(category, RULE_CONFIDENCE["category"]) if category else None,
        "description": Choice(description, RULE_CONFIDENCE["description"]) if description else None,
    }


def _pricing(pages: list[list[OcrLine]]) -> tuple[Pricing, list[Evidence]]:
    tiers, evidence = [], []
    for lines in pages:
        pricing, ev = extract_pricing(lines)
        tiers.extend(pricing.tiers)
        evidence.extend(ev)
    tiers = dedupe(tiers)
    return Pricing(tiers=tiers, **entry_of(tiers)), evidence
