"""Escalating a card: Claude reads each product's screenshots again; its reading merges in with provenance."""

from __future__ import annotations

from pydantic import ValidationError

from ..datamodel import VALUE_FIELDS, Comparison, Pricing, Review, Tier
from .api import ClaudeError, ClaudeOptions, call_tool, content
from .shots import Shot, facts_json
from .tools import CardReply, card_tool


def _rubric_text(reviewers: list[str]) -> str:
    from ..rubrics import load_rubrics

    lines = []
    for r in load_rubrics():
        if r.id in reviewers:
            crit = "; ".join(f"{c.label} (weight {c.weight:g})" for c in r.criteria)
            lines.append(f"- {r.id} ({r.lens}) ship at {r.threshold}+: {crit}")
            if r.questions:
                lines.append(f"  its rationale answers, in 2-4 sentences led by the decisive reason: {' '.join(r.questions)}")
    return "\n".join(lines)


def escalate(comparison: Comparison, shots: list[list[Shot]], options: ClaudeOptions | None = None) -> Comparison:
    """A new Comparison with Claude's reading merged in (see the module docstring). All products or none."""
    options = options or ClaudeOptions()
    readings = [_read_product(comparison, i, shots[i] if i < len(shots) else [], options)
                for i in range(len(comparison.products))]
    merged = comparison.model_copy(deep=True)
    for product, card in zip(merged.products, readings, strict=False):
        _merge(product, card)
    merged.title = Comparison.title_of(merged.products)
    return merged


def _read_product(comparison: Comparison, i: int, shots: list[Shot], options: ClaudeOptions) -> CardReply:
    product = comparison.products[i]
    reviewers = [r.reviewer for r in product.reviews]
    text = ("Facts this device read from the screenshots (JSON; may be incomplete or wrong):\n"
            + facts_json(product.facts)
            + "\n\nReviewers (score each 0-100 against its criteria, from what the screenshots show):\n"
            + _rubric_text(reviewers)
            + "\n\nCall record_card with the facts as the screenshots show them and one review per reviewer.")
    raw = call_tool(options, content(shots, text), card_tool(reviewers))
    try:
        card = CardReply.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise ClaudeError(f"Claude's reply does not fit the card schema ({where}: {first['msg']}).",
                          "Try again; the local card is unchanged.") from None
    unknown = [r.reviewer for r in card.reviews if r.reviewer not in reviewers]
    if unknown:
        raise ClaudeError(f"Claude's reply names an unknown reviewer '{unknown[0]}'.", "Try again; the local card is unchanged.")
    return card


def _merge(product, card: CardReply) -> None:
    from ..judge import panel

    facts, weak = product.facts, product.facts.weak_fields()
    got = card.facts
    for field in (f for f in VALUE_FIELDS if f != "pricing"):
        value = getattr(got, field)
        if field in weak and value is not None:
            setattr(facts, field, value)
            facts.provenance[field] = "claude"
    if "pricing" in weak and (got.tiers or got.entry):
        facts.pricing = Pricing(entry=got.entry, entry_usd_per_month=got.entry_usd_per_month,
                                tiers=[Tier(**t.model_dump()) for t in got.tiers])
        facts.provenance["pricing"] = "claude"
    by_id = {r.reviewer: r for r in card.reviews}
    reviews = []
    for r in product.reviews:
        c = by_id.get(r.reviewer)
        reviews.append(r if c is None else Review(
            reviewer=r.reviewer, score=c.score, verdict="ship" if c.score >= r.threshold else "skip",
            rationale=c.rationale, criteria=[], threshold=r.threshold, source="claude"))
    product.reviews = reviews
    product.panel = panel(reviews)
