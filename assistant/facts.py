"""Old import path of the facts types, kept for code written before `assistant.datamodel`: import from there."""

from .datamodel.facts import (  # noqa: F401
    FACT_FIELDS,
    Box,
    Claim,
    Community,
    Comparison,
    CriterionResult,
    Evidence,
    Facts,
    Panel,
    Period,
    Pricing,
    ProductCard,
    Review,
    Source,
    Tier,
)
