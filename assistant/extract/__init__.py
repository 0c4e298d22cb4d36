"""Rule-based extraction: OCR lines and their layout in, the facts of one product out.

Several screenshots of one product (landing + pricing) merge into one set of facts:
identity fields come from the screen that looks like a landing page (a name with a tagline
under it), tiers are the union of every screen's tiers, and the first license or open-weights
statement found wins. Every field carries the OCR lines it was read from as evidence.
"""

from __future__ import annotations

import re

from ..datamodel import Evidence, Facts, Pricing, Screen
from ..guard import page_lines
from .identity import Choice, choose_name, choose_tagline
from .pricing import FREE_RE, PRICE_RE, _dedupe, _entry, extract_pricing
from .roles import RoleModel, role_probs, shipped
from .terms import find_claims, find_license, find_open_weights
from .text import Pick, find_category, find_description, find_name, find_tagline, headline, is_chrome, squash

PRICING_HEADLINE = re.compile(r"pricing|plans?\b|choose|simple|transparent|compare|billing|upgrade", re.IGNORECASE)

__all__ = ["extract_facts", "page_lines"]


def extract_facts(screens: list[Screen], backend: str = "ocr", roles: RoleModel | None = None) -> Facts:
    """The facts of one product; `roles` scores line roles (default: the shipped model, else the rules)."""
    clean = [Screen(loaded=s.loaded, lines=page_lines(s)) for s in screens]
    facts = Facts(backend=backend, images=[s.name for s in screens])
    evidence: dict[str, list[Evidence]] = {}
    model = roles if roles is not None else shipped()

    for field, choice in _identity(clean, model).items():
        if choice is not None:
            setattr(facts, field, choice.pick.text)
            evidence[field] = [ln.evidence() for ln in choice.pick.lines]
            facts.confidence[field] = round(choice.confidence, 3)
            if choice.alternatives:
                facts.alternatives[field] = [text for text, _ in choice.alternatives]

    pricing, price_evidence = _pricing(clean)
    facts.pricing = pricing
    if price_evidence:
        evidence["pricing"] = price_evidence
        facts.confidence["pricing"] = RULE_CONFIDENCE["pricing"]

    all_lines = [ln for s in clean for ln in s.lines]
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


# How often each rule's value was right on the labeled corpus when it fired (see benchmarks/README.md).
RULE_CONFIDENCE = {"pricing": 0.9, "license": 0.95, "open_weights": 0.8, "category": 0.5, "description": 0.5,
                   "name": 0.6, "tagline": 0.5}


def _identity(screens: list[Screen], model: RoleModel | None) -> dict[str, Choice | None]:
    """Name and tagline from the screen that names the product most surely; other fields filled from any."""
    found = [_screen_identity(s, model) for s in screens]
    if not found:
        return {}
    best = max(found, key=lambda f: (f["name"].confidence if f["name"] else -1.0, f["tagline"] is not None))
    for other in found:
        for key, value in other.items():
            if best[key] is None and value is not None and key not in ("name", "tagline"):
                best[key] = value
    return best


def _screen_identity(screen: Screen, model: RoleModel | None) -> dict[str, Choice | None]:
    probs = role_probs(screen, model)
    if probs:
        name = choose_name(screen, probs)
        tagline = choose_tagline(screen, probs, name)
    else:
        name, tagline = _rules_identity(screen)
    used = {id(ln) for choice in (name, tagline) if choice for ln in choice.pick.lines}
    category = find_category(screen, name.pick if name else None)
    description = find_description(screen, used)
    return {
        "name": name,
        "tagline": tagline,
        "category": Choice(category, RULE_CONFIDENCE["category"]) if category else None,
        "description": Choice(description, RULE_CONFIDENCE["description"]) if description else None,
    }


def _rules_identity(screen: Screen) -> tuple[Choice | None, Choice | None]:
    """Without a role model: a landing page names the product in its headline; a pricing page only in its logo."""
    logo, name = _logo(screen), find_name(screen)
    top = headline(screen)
    pricing_page = (top is not None and PRICING_HEADLINE.search(top.text)) or _price_lines(screen) >= 2
    if name and logo and squash(name.text) != squash(logo.text) and pricing_page or name is None:
        name = logo
    from_logo = name is not None and logo is not None and name.lines[0] is logo.lines[0]
    tagline = find_tagline(screen, name) if name and not from_logo else None
    return (Choice(name, RULE_CONFIDENCE["name"]) if name else None,
            Choice(tagline, RULE_CONFIDENCE["tagline"]) if tagline else None)


def _price_lines(screen: Screen) -> int:
    return sum(1 for ln in screen.lines if PRICE_RE.search(ln.text) or FREE_RE.match(ln.text))


def _pricing(screens: list[Screen]) -> tuple[Pricing, list[Evidence]]:
    tiers, evidence = [], []
    for screen in screens:
        pricing, ev = extract_pricing(screen.lines)
        tiers.extend(pricing.tiers)
        evidence.extend(ev)
    tiers = _dedupe(tiers)
    return Pricing(tiers=tiers, **_entry(tiers)), evidence


def _logo(screen: Screen) -> Pick | None:
    """The product's wordmark: the first content line at the top left of the page."""
    for ln in screen.lines[:8]:
        if ln.box[1] > screen.size[1] * 0.12:
            break
        if not is_chrome(ln) and ln.box[0] < screen.size[0] * 0.4 and len(ln.text.split()) <= 4 and len(ln.text) > 2:
            return Pick(ln.text.strip(), [ln])
    return None
