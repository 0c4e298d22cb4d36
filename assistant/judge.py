"""The rubric engine: each criterion judged met / not met / unknown with cited evidence, then scored.

The score is computed, never asked for: met earns a criterion's weight, unknown earns
`unknown_credit` of it, not met earns nothing. Rules read only the facts and the page lines
(instruction-like lines removed by the guard), so text on a screenshot cannot set a score.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import replace
from typing import NamedTuple

from .backends.base import Backend, JudgeRequest
from .corrections import PERSON
from .datamodel import VALUE_FIELDS, CriterionResult, Evidence, Facts, OcrLine, Page, Panel, Review, Screen
from .factchecks import FACT_CHECKS
from .page import page_of, related_lines, rival_lines
from .page.lexicon import ACTION_RE
from .patterns import Budget, compile_pattern
from .quotes import cite, clip, quote_line
from .rubrics import Criterion, Rubric
from .support import Role, foreign_install, nav_row, substantive, supports, whole_clause, wrapped_pairs
from .writer import Rationale, write, writes

log = logging.getLogger(__name__)
Verdict = tuple[bool | None, list[Evidence], str]
# a price with its period or unit is a plan one can sign up for; a bare 'Free' or '$2.00' table cell is not
PLAN_PRICE = re.compile(r"(?:[$€£¥₹]\s?\d[\d,.]*|\bfree\b)\s*(?:/\s*\w|per\s|a\s+month|monthly)", re.IGNORECASE)
OUT_OF_BUDGET = "not searched: the reviewer's patterns ran past the rubric regex budget"


class Product(NamedTuple):
    """A product's screenshots (sent to a model), their Pages, and the lines the rules and quotes may use."""

    screens: list[Screen]
    pages: list[Page]
    lines: list[OcrLine]

    @classmethod
    def of(cls, screens: list[Screen]) -> Product:
        pages = [page_of(s) for s in screens]
        return cls(screens, pages, [ln for p in pages for ln in p.lines])


def judge_product(facts: Facts, screens: list[Screen], rubrics: list[Rubric], backend: Backend | None = None,
                  rationale: Rationale = "auto") -> list[Review]:
    product = Product.of(screens)
    reviews = _reviews(rubrics, facts, product, backend)
    if backend is not None and writes(backend, rationale):
        _model_rationales(reviews, rubrics, facts, product, backend)
    return reviews


def _model_rationales(reviews: list[Review], rubrics: list[Rubric], facts: Facts, page: Product,
                      backend: Backend) -> None:
    """The model rewrites each rationale; one that does not hold up keeps the embedded prose. Timed on its own."""
    started, kept = time.monotonic(), 0
    for r, rubric in zip(reviews, rubrics, strict=True):
        text = write(rubric, facts, r, page.lines, backend)
        if text:
            r.rationale, kept = text, kept + 1
    log.info("%s wrote %d of %d rationales in %.1f s (the rest are the embedded prose).", backend.name, kept,
             len(reviews), time.monotonic() - started)


def review(rubric: Rubric, facts: Facts, page: Product, backend: Backend | None = None) -> Review:
    return _reviews([rubric], facts, page, backend)[0]


def _reviews(rubrics: list[Rubric], facts: Facts, page: Product, backend: Backend | None) -> list[Review]:
    """The rules judge every reviewer's criteria first; what they leave to the model is asked in one call."""
    ruled, seen = [], reading(page.pages, facts.name)
    for rubric in rubrics:
        budget = Budget(f"Reviewer {rubric.id}")  # a time budget for its patterns: a reviewer file may come from anyone
        ruled.append([(c, _by_rules(c, facts, seen, budget)) for c in rubric.criteria])
    pending = [(rubric, c) for rubric, row in zip(rubrics, ruled, strict=True) for c, verdict in row
               if _needs_model(c, verdict)]
    asked = dict(zip(map(_key, pending), _by_model(pending, facts, page, backend), strict=True))
    return [_scored(rubric, facts, [_result(c, asked.get(_key((rubric, c))) or verdict) for c, verdict in row])
            for rubric, row in zip(rubrics, ruled, strict=True)]


def _key(item: tuple[Rubric, Criterion]) -> tuple[str, str]:
    return item[0].id, item[1].id


def _needs_model(c: Criterion, verdict: Verdict) -> bool:
    met, evidence, _ = verdict
    return met is None or (not evidence and met is False and c.judgment)


def _result(c: Criterion, verdict: Verdict) -> CriterionResult:
    met, evidence, note = verdict
    return CriterionResult(id=c.id, label=c.label, met=met, weight=c.weight, evidence=evidence, note=note)


def _scored(rubric: Rubric, facts: Facts, results: list[CriterionResult]) -> Review:
    total = sum(c.weight for c in rubric.criteria)
    earned = sum(r.weight * _credit(r.met, rubric.unknown_credit) for r in results)
    score = round(100 * earned / total)
    verdict = "ship" if score >= rubric.threshold else "skip"
    return Review(reviewer=rubric.id, score=score, verdict=verdict, criteria=results, threshold=rubric.threshold,
                  rationale=rationale(rubric, facts, results, score, verdict))


def _credit(met: bool | None, unknown_credit: float) -> float:
    return 1.0 if met else unknown_credit if met is None else 0.0


class Reading(NamedTuple):
    """The page as the rules read it, once per product: its own lines (on an 'A vs B' page, not B's column; never a
    byline or an 'A vs B' heading, which say nothing of either), each line's role, and where B's column is (a fact
    read there is not A's). Patterns read each line with the product's own name taken out ('LM Studio' is no
    studio buyer, 'Supabase' no database claim); `original` gives back the line as the page shows it."""

    lines: list[OcrLine]
    kinds: list[Role]
    theirs: set[tuple[str, tuple]]
    unnamed: dict[int, OcrLine]


_NEVER_EVIDENCE = re.compile(r"^\s*by\b.{0,60}(?:·|\|).{0,20}\b(?:min(?:ute)?s? read|\d{4})\b|"
                             r"^.{1,40}\s(?:vs\.?|versus)\s.{1,80}$", re.IGNORECASE)


def reading(pages: list[Page], name: str | None) -> Reading:
    own, kinds, theirs, unnamed_lines = [], [], set(), {}
    unnamed = re.compile(re.escape(name.strip()), re.IGNORECASE) if name and len(name.strip()) >= 3 else None
    for page in pages:
        rival = rival_lines(page, name) | related_lines(page)  # B's column, and the 'Related tools' list
        for i, (ln, role) in enumerate(zip(page.lines, page.roles, strict=True)):
            if i in rival or foreign_install(ln.text, name):  # another product's column or install command
                theirs.add((ln.image, tuple(ln.box)))
            elif not _NEVER_EVIDENCE.search(ln.text):
                if unnamed and unnamed.search(ln.text):
                    unnamed_lines[id(ln)] = replace(ln, text=unnamed.sub(" ", ln.text))
                own.append(ln)
                kinds.append("chrome" if nav_row(ln.text) else role)  # a header's links OCR read as one line
    return Reading(own, kinds, theirs, unnamed_lines)


def _by_rules(c: Criterion, facts: Facts, seen: Reading, budget: Budget) -> Verdict:
    """Refuted by a `none` line; else met by the strongest `any` pattern in a line where it may count (patterns are
    listed strongest first), else by a fact check (a person's value leads: it is what they said); else unknown
    when the only match is in lines too weak to show it; else the rubric's `otherwise`."""
    lines, kinds, theirs, unnamed = seen
    original = {}
    if not c.reads_name:  # the patterns read the lines without the product's name; quotes stay as shown
        lines = [unnamed.get(id(ln), ln) for ln in seen.lines]
        original = {id(unnamed[id(ln)]): ln for ln in seen.lines if id(ln) in unnamed}
    hit = budget.first_match(c.none, [ln for ln, kind in zip(lines, kinds, strict=True) if _may_refute(ln, kind)])
    if hit is False:
        return None, [], OUT_OF_BUDGET
    if hit:
        return False, [original.get(id(hit), hit).evidence()], f"page says {original.get(id(hit), hit).text!r}"
    checked = [(check, [e for e in FACT_CHECKS[check](facts) if (e.image, tuple(e.box)) not in theirs])
               for check in c.facts]
    # a fact's line must say enough for this criterion too: a bare 'Free' shows a price, not a shipped product
    checked = [(check, [e for e in evidence if e.image == PERSON or c.support == "any" or supports(e.text, c.support)
                        or PLAN_PRICE.search(e.text)]) for check, evidence in checked]
    checked = [(check, evidence) for check, evidence in checked if evidence]
    by_person = [(check, e) for check, e in checked if any(x.image == PERSON for x in e)]
    if by_person:
        return True, by_person[0][1][:1], f"facts: {by_person[0][0].replace('_', ' ')}"
    shown = [original.get(id(ln), ln).text for ln in lines]  # what it proves is judged on the line as shown
    strong = [ln for ln, kind, text in zip(lines, kinds, shown, strict=True)
              if kind in c.roles and (c.support == "any" or supports(text, c.support))]
    # a line that can carry the claim first; a heading or a lone name ('Rate Limit', 'Git integration') only
    # when nothing more says it
    hit = (budget.first_match(c.any, [ln for ln in strong if substantive(original.get(id(ln), ln).text)])
           or budget.first_match(c.any, strong))
    if hit is None:  # a phrase wrapped over two lines of a paragraph, cited where it starts
        joined = wrapped_pairs(strong)
        hit = budget.first_match(c.any, [pair for pair, _ in joined])
        hit = next(first for pair, first in joined if pair is hit) if hit else hit
    if hit is False:
        return None, [], OUT_OF_BUDGET
    if hit:
        return True, [whole_clause(original.get(id(hit), hit), seen.lines)], "found on the page"
    if checked:
        return True, checked[0][1][:1], f"facts: {checked[0][0].replace('_', ' ')}"
    if len(strong) < len(lines):  # a match only in lines too weak to prove it: unknown, not a weak quote
        kept = set(map(id, strong))
        weak = budget.first_match(c.any, [ln for ln in lines if id(ln) not in kept])
        if weak:
            said = original.get(id(weak), weak).text
            return None, [], f"only weak support on the page ({said!r} is not where a {c.support} shows it)"
    if c.otherwise == "unknown":
        return None, [], "the screenshots do not say"
    return False, [], "nothing on the screenshots shows it"


def _may_refute(line: OcrLine, kind: str) -> bool:
    """Any line but chrome refutes; of chrome, a button does ('Join the waitlist'), a nav link does not ('Best-of
    lists')."""
    return kind != "chrome" or bool(ACTION_RE.match(line.text.strip()))


def _by_model(asked: list[tuple[Rubric, Criterion]], facts: Facts, page: Product,
              backend: Backend | None) -> list[Verdict | None]:
    """Ask a VLM backend the criteria that need judgment, all in one batch (`Backend.judge_all`); an answer counts
    only with a quote that is really on the page (`quotes.quote_line`). None: the rules' verdict stands."""
    if backend is None or not backend.judges:
        return [None] * len(asked)
    facts_json = facts.model_dump_json(include=set(VALUE_FIELDS))
    judged = [(rubric, c) for rubric, c in asked if c.judgment]
    answers = dict(zip(map(_key, judged), backend.judge_all([
        JudgeRequest(reviewer=rubric.id, criterion_id=c.id, question=c.question or c.label, facts_json=facts_json,
                     screens=page.screens) for rubric, c in judged]), strict=True))
    return [_checked(answers.get(_key(item)), page, backend) for item in asked]


def _checked(answer, page: Product, backend: Backend) -> Verdict | None:
    if answer is None or answer.met is None:
        return None
    line = quote_line(answer.quote, page.lines)
    if line is None:
        return None, [], "model's quote is not on the page"
    return answer.met, [cite(answer.quote, line)], f"{backend.name} judged it, quoting the page"


def rationale(rubric: Rubric, facts: Facts, results: list[CriterionResult], score: int, verdict: str) -> str:
    """Two to four sentences in the reviewer's voice (its TOML): the decisive reason first, then the strongest point
    on the other side, then a second reason or what the screenshots leave open. Quotes are the cited evidence only."""
    name = facts.name or "this product"
    said = {c.id: c for c in rubric.criteria}
    met = _heaviest([r for r in results if r.met])
    missed = _heaviest([r for r in results if r.met is False])
    unknown = [r for r in results if r.met is None]
    v = rubric.voice
    ship = verdict == "ship"
    lead, other = (met, missed) if ship else (missed, met)
    sentences: list[str] = []
    quoted: set[str] = set()
    if lead:
        slot, template = ("{point}", v.ship) if ship else ("{gap}", v.skip)
        sentences.append(_fill(template.replace("{name}", name), slot, _clause(lead[0], said, quoted)))
    elif unknown:  # nothing decided it either way: the unknowns did
        template = v.ship if ship else v.skip
        why = ("the screenshots settle none of its criteria" if not other else
               "the screenshots do not show " + _join([_whether(r, said) for r in unknown]))
        sentences.append(_fill(template.replace("{name}", name), "{point}" if ship else "{gap}", why))
        unknown = [] if other else unknown  # said once
    if other:
        slot, template = ("{gap}", v.against) if ship else ("{point}", v.favour)
        sentences.append(_fill(template, slot, _clause(other[0], said, quoted)))
    if len(lead) > 1:
        slot, template = ("{point}", v.favour) if ship else ("{gap}", v.against)
        sentences.append(_fill(template, slot, _clause(lead[1], said, quoted)))
    if unknown and len(sentences) < 4:
        sentences.append(_fill(v.open, "{open}", _join([_whether(r, said) for r in unknown])))
    if len(sentences) < 2:
        sentences.append(f"It clears the bar of {rubric.threshold} at {score}." if ship else
                         f"It stays under the bar of {rubric.threshold} at {score}.")
    return " ".join(s if s.startswith(name) else _capital(s) for s in sentences[:4])  # names keep their case


def _heaviest(results: list[CriterionResult]) -> list[CriterionResult]:
    """Heaviest first; among equals, a criterion with a quote first, then rubric order."""
    return sorted(results, key=lambda r: (-r.weight, not r.evidence))


def _clause(r: CriterionResult, said: dict, quoted: set[str]) -> str:
    """The criterion in the reviewer's words, with its quote unless this rationale has quoted that line already."""
    c = said.get(r.id)
    words = c.said(bool(r.met)) if c is not None else _short_label(r.label)
    if not r.evidence or r.evidence[0].text in quoted:
        return words
    e = r.evidence[0]
    quoted.add(e.text)
    shown = clip(e.text, 70, _proof(c, e.text, bool(r.met)))
    return f"{words} (“{shown}”, {e.image})" if r.met else f"{words}: the page says “{shown}” ({e.image})"


def _proof(c: Criterion | None, text: str, met: bool) -> tuple[int, int] | None:
    """Where in a quoted line the criterion's pattern matched (its `any` when met, `none` when refuted): the part
    a shortened quote must keep ('…Released under the Apache 2.0 license', not the clause before it)."""
    if c is None:
        return None
    text = " ".join(text.split())
    for pattern in c.any if met else c.none:
        try:
            m = compile_pattern(pattern).search(text)
        except ValueError:
            continue
        if m:
            return m.start(), m.end()
    return None


def _whether(r: CriterionResult, said: dict) -> str:
    c = said.get(r.id)
    return f"whether {c.said(True)}" if c is not None and c.pro else _short_label(r.label)


def _fill(template: str, slot: str, text: str) -> str:
    return template.replace(slot, text)


def _join(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    sep = "; " if any("," in item for item in items) else ", "  # items with commas of their own need semicolons
    return sep.join(items[:-1]) + (sep if len(items) > 2 else " ") + "and " + items[-1]


def _short_label(label: str) -> str:
    return re.sub(r"\s*\([^)]*\)", "", label).strip()


def _capital(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def panel(reviews: list[Review]) -> Panel:
    ship = sum(r.verdict == "ship" for r in reviews)
    skip = len(reviews) - ship
    pct = round(100 * ship / len(reviews)) if reviews else 0
    # a tie is neither: a 2-2 panel shown as "ship" read as a recommendation the panel never made
    verdict = "ship" if ship > skip else "split" if reviews and ship == skip else "skip"
    return Panel(ship=ship, skip=skip, ship_pct=pct, verdict=verdict)
