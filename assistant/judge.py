"""The rubric engine: each criterion judged met / not met / unknown with cited evidence, then scored.

The score is computed, never asked for: met earns a criterion's weight, unknown earns
`unknown_credit` of it, not met earns nothing. Rules read only the facts and the page lines
(instruction-like lines removed by the guard), so text on a screenshot cannot set a score.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .backends.base import Backend, JudgeRequest
from .datamodel import CriterionResult, Evidence, Facts, OcrLine, Panel, Review, Screen
from .extract import page_lines
from .rubrics import Criterion, Rubric

Verdict = tuple[bool | None, list[Evidence], str]


def judge_product(facts: Facts, screens: list[Screen], rubrics: list[Rubric], backend: Backend | None = None) -> list[Review]:
    lines = [ln for s in screens for ln in page_lines(s)]
    return [review(rubric, facts, lines, backend) for rubric in rubrics]


def review(rubric: Rubric, facts: Facts, lines: list[OcrLine], backend: Backend | None = None) -> Review:
    results = [judge_criterion(rubric, c, facts, lines, backend) for c in rubric.criteria]
    total = sum(c.weight for c in rubric.criteria)
    earned = sum(r.weight * _credit(r.met, rubric.unknown_credit) for r in results)
    score = round(100 * earned / total)
    verdict = "ship" if score >= rubric.threshold else "skip"
    return Review(reviewer=rubric.id, score=score, verdict=verdict, criteria=results, threshold=rubric.threshold,
                  rationale=rationale(rubric, facts, results, score, verdict))


def _credit(met: bool | None, unknown_credit: float) -> float:
    return 1.0 if met else unknown_credit if met is None else 0.0


def judge_criterion(rubric: Rubric, c: Criterion, facts: Facts, lines: list[OcrLine], backend: Backend | None) -> CriterionResult:
    met, evidence, note = _by_rules(c, facts, lines)
    if met is None or (not evidence and met is False and c.judgment):
        asked = _by_model(rubric, c, facts, lines, backend)
        if asked is not None:
            met, evidence, note = asked
    return CriterionResult(id=c.id, label=c.label, met=met, weight=c.weight, evidence=evidence, note=note)


def _by_rules(c: Criterion, facts: Facts, lines: list[OcrLine]) -> Verdict:
    hit = _first_match(c.none, lines)
    if hit:
        return False, [hit.evidence()], f"page says {hit.text!r}"
    for check in c.facts:
        evidence = FACT_CHECKS[check](facts)
        if evidence:
            return True, evidence[:2], f"facts: {check.replace('_', ' ')}"
    hit = _first_match(c.any, lines)
    if hit:
        return True, [hit.evidence()], "found on the page"
    if c.otherwise == "unknown":
        return None, [], "the screenshots do not say"
    return False, [], "nothing on the screenshots shows it"


def _first_match(patterns: list[str], lines: list[OcrLine]) -> OcrLine | None:
    for pattern in patterns:
        rx = re.compile(pattern, re.IGNORECASE)
        for line in lines:
            if rx.search(line.text):
                return line
    return None


def _by_model(rubric: Rubric, c: Criterion, facts: Facts, lines: list[OcrLine], backend: Backend | None) -> Verdict | None:
    """Ask a VLM backend; its answer counts only with a quote that is really on the page."""
    if backend is None or not backend.judges or not c.judgment:
        return None
    answer = backend.judge(JudgeRequest(
        reviewer=rubric.id, criterion_id=c.id, question=c.question or c.label,
        facts_json=facts.model_dump_json(include={"name", "tagline", "category", "description", "pricing", "license", "open_weights"}),
        page_text="\n".join(ln.text for ln in lines),
    ))
    if answer is None or answer.met is None:
        return None
    line = quote_line(answer.quote, lines)
    if line is None:
        return None, [], "model's quote is not on the page"
    return answer.met, [line.evidence(answer.quote.strip())], f"{backend.name} judged it, quoting the page"


def quote_line(quote: str, lines: list[OcrLine]) -> OcrLine | None:
    """The page line a quote comes from, if any (case and spacing ignored)."""
    q = _squash(quote)
    if len(q) < 4:
        return None
    return next((ln for ln in lines if q in _squash(ln.text)), None)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _tier_evidence(facts: Facts, test: Callable) -> list[Evidence]:
    tiers = [t for t in facts.pricing.tiers if test(t)]
    if not tiers:
        return []
    wanted = {t.text.split()[0].lower() for t in tiers if t.text}
    found = [e for e in facts.evidence.get("pricing", []) if e.text.split() and e.text.split()[0].lower() in wanted]
    return found or facts.evidence.get("pricing", [])[:1]


FACT_CHECKS: dict[str, Callable[[Facts], list[Evidence]]] = {
    "free_tier": lambda f: _tier_evidence(f, lambda t: t.price_usd == 0),
    "open_weights": lambda f: f.evidence.get("open_weights", []) if f.open_weights else [],
    "numeric_claims": lambda f: f.evidence.get("claims", []) if f.claims else [],
    "public_price": lambda f: _tier_evidence(f, lambda t: t.price_usd is not None),
    "paid_tiers": lambda f: _tier_evidence(f, lambda t: (t.price_usd or 0) > 0),
    "expansion_pricing": lambda f: _tier_evidence(f, lambda t: t.unit is not None or t.period == "usage")
    or (_tier_evidence(f, lambda t: (t.price_usd or 0) > 0) if sum((t.price_usd or 0) > 0 for t in f.pricing.tiers) >= 2 else []),
}


def rationale(rubric: Rubric, facts: Facts, results: list[CriterionResult], score: int, verdict: str) -> str:
    """A paragraph written from the judged criteria: what was met (with the quote), what was not, what is unknown."""
    name = facts.name or "This product"
    met = [r for r in results if r.met]
    missed = [r for r in results if r.met is False]
    unknown = [r for r in results if r.met is None]
    parts = [f"{rubric.lens} {rubric.name} says {verdict} at {score}/100 for {name}."]
    if met:
        cites = "; ".join(f"{r.label} (“{_short(r.evidence[0].text)}”, {r.evidence[0].image})" for r in met if r.evidence)
        parts.append(f"In its favour: {cites}.")
    if missed:
        parts.append("Against it: " + "; ".join(_negative(r) for r in missed) + ".")
    if unknown:
        parts.append("The screenshots do not settle: " + "; ".join(r.label for r in unknown) + ".")
    return " ".join(parts)


def _negative(r: CriterionResult) -> str:
    if r.evidence:
        return f"{r.label} is contradicted by “{_short(r.evidence[0].text)}” ({r.evidence[0].image})"
    return f"no sign of {r.label}"


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def panel(reviews: list[Review]) -> Panel:
    ship = sum(r.verdict == "ship" for r in reviews)
    skip = len(reviews) - ship
    pct = round(100 * ship / len(reviews)) if reviews else 0
    return Panel(ship=ship, skip=skip, ship_pct=pct, verdict="ship" if pct >= 50 else "skip")
