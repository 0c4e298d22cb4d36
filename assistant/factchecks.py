"""The fact checks the judge runs: a rubric criterion names them (`facts = ["free_tier"]`) to be met by facts.

The judge owns this registry: a check is a function from facts to the evidence that meets it (empty: not met).
Rubric files are validated against its names (`assistant.rubrics`), so a new check is added here only: its name
in `FactCheck`, its function in `FACT_CHECKS`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal, get_args

from .datamodel import Evidence, Facts

_PRICE = re.compile(r"[$€£¥₹]\s?\d|\d\s?(?:USD|EUR)\b")


def _tier_evidence(facts: Facts, test: Callable) -> list[Evidence]:
    tiers = [t for t in facts.pricing.tiers if test(t)]
    if not tiers:
        return []
    wanted = {t.text.split()[0].lower() for t in tiers if t.text}
    found = [e for e in facts.evidence.get("pricing", []) if e.text.split() and e.text.split()[0].lower() in wanted]
    found = found or facts.evidence.get("pricing", [])[:1]
    return sorted(found, key=lambda e: not _PRICE.search(e.text))  # a line with the price shows it, a plan name not


FactCheck = Literal["free_tier", "open_weights", "numeric_claims", "public_price", "paid_tiers", "expansion_pricing"]

FACT_CHECKS: dict[FactCheck, Callable[[Facts], list[Evidence]]] = {
    "free_tier": lambda f: _tier_evidence(f, lambda t: t.price_usd == 0),
    "open_weights": lambda f: f.evidence.get("open_weights", []) if f.open_weights else [],
    "numeric_claims": lambda f: f.evidence.get("claims", []) if f.claims else [],
    "public_price": lambda f: _tier_evidence(f, lambda t: t.price_usd is not None),
    "paid_tiers": lambda f: _tier_evidence(f, lambda t: (t.price_usd or 0) > 0),
    "expansion_pricing": lambda f: _tier_evidence(f, lambda t: t.unit is not None or t.period == "usage")
    or (_tier_evidence(f, lambda t: (t.price_usd or 0) > 0) if sum((t.price_usd or 0) > 0 for t in f.pricing.tiers) >= 2 else []),
}
assert set(FACT_CHECKS) == set(get_args(FactCheck)), "each FactCheck name has its function"
