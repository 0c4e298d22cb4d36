"""The data shapes shipcard reads, judges and prints.

These models are the public JSON contract (`shipcard schema` exports them): fields may be
added, never renamed or removed. See docs/contract.md.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Box = tuple[float, float, float, float]
Period = Literal["month", "year", "one-time", "usage"]
Source = Literal["device", "claude"]
Provenance = Literal["device", "claude", "person"]  # "person": corrected by the user, with no evidence on the page

FACT_FIELDS = ("name", "tagline", "category", "description", "pricing", "license", "open_weights", "claims")
VALUE_FIELDS = FACT_FIELDS[:-1]  # the fields holding one value each (claims are a list of statements)
WEAK_CONFIDENCE = 0.8  # a field whose best evidence reads below this is weak: a model or Claude may fill it


class Evidence(BaseModel):
    """Text that is really on a screenshot, and where."""

    text: str
    image: str = Field(description="File name of the screenshot the text was read from.")
    box: Box = Field(description="Axis-aligned box [x0, y0, x1, y1] in image pixels.")
    confidence: float = Field(ge=0.0, le=1.0)


class Tier(BaseModel):
    name: str | None = None
    price_usd: float | None = Field(None, description="Price in US dollars for one period (converted when shown in another currency).")
    period: Period | None = None
    unit: str | None = Field(None, description="What one price buys, e.g. 'user' for per-seat pricing or '1M tokens'.")
    text: str = Field(description="The tier's price text as shown.")
    currency: str | None = Field(None, description="ISO 4217 code of the price as shown.")
    price: float | None = Field(None, description="The amount as shown, in `currency`.")


class Pricing(BaseModel):
    entry: str | None = Field(None, description="The cheapest way to start, as shown: 'Free', '$20/mo'.")
    entry_usd_per_month: float | None = Field(None, description="Entry price in USD per month; 0 for free.")
    tiers: list[Tier] = Field(default_factory=list)


class Claim(BaseModel):
    text: str
    numbers: list[str] = Field(default_factory=list, description="The figures the claim states.")


class Facts(BaseModel):
    """What one product's screenshots say."""

    name: str | None = None
    tagline: str | None = None
    category: str | None = None
    description: str | None = None
    pricing: Pricing = Field(default_factory=Pricing)
    license: str | None = Field(None, description="SPDX id where one is stated, e.g. 'Apache-2.0'; 'Proprietary' for closed terms.")
    open_weights: bool | None = None
    claims: list[Claim] = Field(default_factory=list)
    evidence: dict[str, list[Evidence]] = Field(default_factory=dict)
    backend: str = Field(description="Which engine produced these facts.")
    images: list[str] = Field(default_factory=list, description="Screenshots read, in order.")
    provenance: dict[str, Provenance] = Field(
        default_factory=dict, description="Per field: read on the device, by Claude, or set by a person (`shipcard fix`).")
    unverified: list[str] = Field(default_factory=list, description="Fields a model proposed whose text is not on the page.")
    confidence: dict[str, float] = Field(
        default_factory=dict, description="Per field, in [0, 1]: how sure the engine is of the field's value "
        "(not the OCR line's reading confidence).")
    alternatives: dict[str, list[str]] = Field(
        default_factory=dict, description="Per field, the runner-up values the engine weighed, best first.")
    notes: list[str] = Field(
        default_factory=list, description="What a captured page's card must say: where the page was cut, a consent "
        "banner left over the content, metadata that disagreed with the visible page (which wins).")

    def has(self, field: str) -> bool:
        """Whether `field` (one of VALUE_FIELDS) holds a value; pricing does with an entry or a tier."""
        value = getattr(self, field)
        return bool(value.tiers or value.entry) if isinstance(value, Pricing) else value is not None

    def weak_fields(self) -> list[str]:
        """VALUE_FIELDS with no value, no evidence, or whose strongest evidence is below WEAK_CONFIDENCE."""
        return [f for f in VALUE_FIELDS if not self.has(f) or max(
            (e.confidence for e in self.evidence.get(f, [])), default=0.0) < WEAK_CONFIDENCE]


class CriterionResult(BaseModel):
    id: str
    met: bool | None = Field(description="true: met, false: not met, null: unknown.")
    weight: float
    label: str = ""
    evidence: list[Evidence] = Field(default_factory=list)
    note: str = Field("", description="Why the criterion was judged so.")


class Review(BaseModel):
    reviewer: str
    score: int = Field(ge=0, le=100)
    verdict: Literal["ship", "skip"]
    rationale: str
    criteria: list[CriterionResult]
    threshold: int = 60
    source: Source = "device"


class Panel(BaseModel):
    ship: int
    skip: int
    ship_pct: int
    verdict: Literal["ship", "skip", "split"] = Field(
        description="ship or skip by majority; split when as many reviewers say ship as skip (a 2-2 panel).")


class Community(BaseModel):
    up: int = 0
    down: int = 0


class ProductCard(BaseModel):
    facts: Facts
    reviews: list[Review]
    panel: Panel
    community: Community = Field(default_factory=Community)

    def label(self, index: int) -> str:
        """The product's name, or 'Product N' (N = index + 1) when its screenshots gave none."""
        return self.facts.name or f"Product {index + 1}"


class Comparison(BaseModel):
    model_config = ConfigDict(extra="ignore")

    title: str
    products: list[ProductCard]
    id: int | None = Field(None, description="Row id in the local history, once saved.")

    @staticmethod
    def title_of(products: list[ProductCard]) -> str:
        """'A vs B': the products' labels, in order."""
        return " vs ".join(p.label(i) for i, p in enumerate(products))

    def names(self) -> list[str]:
        return [p.label(i) for i, p in enumerate(self.products)]
