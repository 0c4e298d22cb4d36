"""How card cells read, shared by the templates (HTML, Markdown) and the PNG renderer."""

from __future__ import annotations

import re

from ..datamodel import Community, Comparison, Facts, ProductCard
from ..quotes import clip


def tiers_text(facts: Facts) -> str:
    if not facts.pricing.tiers:
        return "Not shown"
    return " / ".join(
        f"{t.name} {t.text}" if t.name and t.name.lower() not in t.text.lower() else t.text for t in facts.pricing.tiers
    )


_YESNO: dict[bool | None, str] = {True: "Yes", False: "No"}
_MARKS: dict[bool | None, str] = {True: "✓", False: "✗"}


def yesno(value: bool | None) -> str:
    return _YESNO.get(value, "Not stated")


def community_text(c: Community) -> str:
    return f"{c.up} up / {c.down} down" if c.up or c.down else "No community votes yet"


def mark(met: bool | None) -> str:
    return _MARKS.get(met, "?")


def person_fields(facts: Facts) -> str:
    """Fields a person set (`shipcard fix`): they have no evidence on the page, and the card says so."""
    return ", ".join(sorted(f.replace("_", " ") for f, source in facts.provenance.items() if source == "person"))


UNSURE_NAME = 0.5  # a name below this confidence is shown as a question, with what else the page showed


def name_note(facts: Facts) -> str:
    """What the card says beside a name it is not sure of ('' when sure): the page may not show the product's name,
    so the card says so and names what it read there instead of presenting a guess as read."""
    sure = facts.confidence.get("name", 1.0 if facts.name else 0.0)
    if facts.name and sure >= UNSURE_NAME:
        return ""
    seen = [c for c in [facts.name, *facts.alternatives.get("name", [])] if c][:3]
    said = "Name not on the page" if not facts.name else f"Name unsure ({sure:.2f})"
    return said + (f"; read there: {', '.join(repr(c) for c in seen)}" if seen else "")


def best_for(facts: Facts) -> str:
    """The reference fills 'Best for' with the product's one-line tagline; without one, the description's opening
    phrase says the same ('X is an AI code editor for…' gives 'An AI code editor for…'). 'Not stated' only when the
    page gave neither: a slogan read into the description is still the page's slogan."""
    if facts.tagline:
        return facts.tagline
    first = re.split(r"(?<=[.!?])\s+", (facts.description or "").strip())[0].strip()
    if not first:
        return "Not stated"
    if facts.name and first.lower().startswith(facts.name.lower()):
        rest = first[len(facts.name):].lstrip(" ,:—–-")
        said = re.match(r"(?:is|are|was|lets you|helps you)\s+(.+)", rest, re.IGNORECASE)
        first = said.group(1) if said else rest or first
    first = clip(first.rstrip(".!? "), 90)
    return first[:1].upper() + first[1:]


def pricing_text(facts: Facts) -> str:
    """Entry price, then the tiers: the decision table's Pricing row."""
    entry = f"{facts.pricing.entry} to start" if facts.pricing.entry else "Entry not shown"
    return f"{entry} · {tiers_text(facts)}" if facts.pricing.tiers else entry


def plural(n: int, noun: str) -> str:
    """'1 screenshot', '2 screenshots'."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def verdict_word(p: ProductCard) -> str:
    """The panel's verdict as the card prints it: a tie is a split panel, never a ship."""
    return "Split panel" if p.panel.verdict == "split" else p.panel.verdict.capitalize()


def _says_ship(p: ProductCard) -> str:
    n = p.panel.ship
    return f"{n} of {plural(len(p.reviews), 'reviewer')} {'says' if n == 1 else 'say'} ship"


def pick_line(c: Comparison) -> str:
    """One line that answers "Which one should you ship with?" (for one product: ship, skip or split, and why)."""
    if not c.products:
        return "No product on this card."
    if len(c.products) == 1:
        return _alone(c.products[0])
    order = sorted(range(len(c.products)), key=lambda i: _standing(c.products[i]), reverse=True)
    first, second = (c.products[i] for i in order[:2])
    name, other = first.label(order[0]), second.label(order[1])
    against = f"against {second.panel.ship} for {other}"
    if _standing(first) == _standing(second):
        return (f"A toss-up between {name} and {other}: the panel splits them evenly ({_says_ship(first)} for "
                f"each); {tie_breaker(first, name)}.")
    if first.panel.verdict == "split":
        return f"Neither yet: the panel splits on {name} ({_says_ship(first)}, {against}); {tie_breaker(first, name)}."
    if first.panel.verdict == "skip":
        return f"Neither yet: {name} comes closest ({_says_ship(first)}, {against}); {_reason(first, 'skip')}."
    if first.panel.ship == second.panel.ship:  # the same count: the reviewers' scores decide, and the line says so
        a, b = (round(_standing(p)[1]) for p in (first, second))
        return (f"Ship with {name}: {_says_ship(first)} for both, and {name} scores higher on average ({a} against "
                f"{b} for {other}); {_reason(first, 'ship', second)}.")
    return f"Ship with {name}: {_says_ship(first)}, {against}; {_reason(first, 'ship', second)}."


def _alone(p: ProductCard) -> str:
    name = p.label(0)
    if p.panel.verdict == "ship":
        return f"Ship {name}: {_says_ship(p)}; {_reason(p, 'ship')}."
    if p.panel.verdict == "split":
        return f"Split panel on {name}: {_says_ship(p)}; {tie_breaker(p, name)}."
    return f"Skip {name} for now: {_says_ship(p)}; {_reason(p, 'skip')}."


def tie_breaker(p: ProductCard, name: str) -> str:
    """What would break a split panel: the one criterion that alone would lift the skipping reviewer nearest its
    bar over it (the heaviest such), or how far under its bar that reviewer is."""
    skips = [r for r in p.reviews if r.verdict == "skip"]
    if not skips:
        return "no reviewer is left to convince"
    r = min(skips, key=lambda r: r.threshold - r.score)
    gap = r.threshold - r.score
    total = sum(k.weight for k in r.criteria) or 1.0
    met = sum(k.weight for k in r.criteria if k.met)
    unknown = sum(k.weight for k in r.criteria if k.met is None)
    credit = max(0.0, min(1.0, (r.score * total / 100 - met) / unknown)) if unknown else 0.0  # the rubric's share
    lifts = [(100 * k.weight * (1 - (credit if k.met is None else 0.0)) / total, k) for k in r.criteria if not k.met]
    enough = [(lift, k) for lift, k in lifts if lift >= gap]
    who = f"the {r.reviewer.capitalize()} (at {r.score}, bar {r.threshold})"
    if not enough:
        # 'more than one new point' read as one score point: say what is short and why no single fix does it
        return f"no one criterion breaks the tie: {who} is {gap} points short, more than any one of its criteria adds"
    _, k = max(enough, key=lambda t: (t[1].weight, t[1].met is None))  # an open question before a refuted one
    return f"the tie breaks if the page showed {who} “{short_label(k.label)}”"


def _standing(p: ProductCard) -> tuple[int, float]:
    return p.panel.ship_pct, sum(r.score for r in p.reviews) / max(1, len(p.reviews))


def _reason(p: ProductCard, side: str, other: ProductCard | None = None) -> str:
    """The decisive point on the panel's side: the heaviest criterion met (ship) or missed (skip) by that side,
    one the other product lacks first when there is one."""
    want = side == "ship"
    theirs = {(r.reviewer, k.id) for r in (other.reviews if other else []) for k in r.criteria if k.met is want}
    found = [(((r.reviewer, k.id) not in theirs), k.weight, r.reviewer, k)
             for r in p.reviews if r.verdict == side for k in r.criteria if k.met is want]
    if not found:
        return "no single criterion decides it"
    *_, reviewer, k = max(found, key=lambda t: t[:2])  # max keeps the first of equals: rubric order
    what = "the strongest point" if want else "the heaviest criterion it misses"
    return f"{what} ({reviewer.capitalize()}): {short_label(k.label)}"


def short_label(label: str) -> str:
    """A criterion label without its parenthetical examples: 'names a concrete primitive'."""
    return re.sub(r"\s*\([^)]*\)", "", label).strip()
