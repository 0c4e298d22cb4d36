"""The types every stage passes around, in one place that imports no engine.

`facts` is the public JSON contract (what `shipcard schema` exports); `screens` is what a screenshot is
once loaded and read. Stages and engines import these; this package imports none of them.
"""

from .facts import (
    FACT_FIELDS,
    VALUE_FIELDS,
    WEAK_CONFIDENCE,
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
from .screens import ROLES, Captured, Dom, LoadedImage, OcrLine, Page, PageKind, PageMeta, Role, Screen, Versus

__all__ = [
    "FACT_FIELDS",
    "ROLES",
    "VALUE_FIELDS",
    "WEAK_CONFIDENCE",
    "Box",
    "Captured",
    "Claim",
    "Community",
    "Comparison",
    "CriterionResult",
    "Dom",
    "Evidence",
    "Facts",
    "LoadedImage",
    "OcrLine",
    "Page",
    "PageKind",
    "PageMeta",
    "Panel",
    "Period",
    "Pricing",
    "ProductCard",
    "Review",
    "Role",
    "Screen",
    "Source",
    "Tier",
    "Versus",
]
