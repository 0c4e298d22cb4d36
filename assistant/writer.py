"""Rationales written by a language model, kept only when they hold up.

The model gets the judged criteria and the verified quotes (never the screenshots), and answers JSON through the
engine's `ask` seam. Its rationale is kept when it has 2-4 sentences and every span it quotes is on the page;
otherwise the embedded prose stands. On by default for served models (`auto`); `--rationale model` opts a local
engine in (eight rationales cost tens of seconds of decode on a CPU), `rules` keeps the embedded prose.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Literal

from .errors import ShipcardError
from .quotes import quote_line

if TYPE_CHECKING:
    from .backends.base import Backend
    from .datamodel import Facts, OcrLine, Review
    from .rubrics import Rubric

log = logging.getLogger(__name__)
Rationale = Literal["auto", "model", "rules"]
SERVED = {"openai"}  # engines that write by default: a server's decode is not this machine's CPU
SCHEMA = {"type": "object", "properties": {"rationale": {"type": "string"}},  # a length cap blows up GBNF
          "required": ["rationale"], "additionalProperties": False}
_QUOTED = re.compile(r"[“\"]([^”\"]+)[”\"]")


def writes(backend: Backend | None, rationale: Rationale) -> bool:
    """Whether the model writes the rationales: asked for, or a served model by default, and the engine can."""
    if backend is None or not backend.chats or rationale == "rules":
        return False
    return rationale == "model" or backend.name in SERVED


def prompt(rubric: Rubric, facts: Facts, review: Review) -> str:
    lines = [f"You are the {rubric.name} on a review panel. Your question: {rubric.lens}",
             f"Product: {facts.name or 'unnamed'}. Your verdict: {review.verdict}, {review.score}/100.",
             "What you judged (met / not met / unknown), with the only quotes you may use:"]
    for c in review.criteria:
        state = {True: "met", False: "not met"}.get(c.met, "unknown")
        quote = f' — quote: "{c.evidence[0].text}"' if c.evidence else ""
        lines.append(f"- {c.label}: {state}{quote}")
    if rubric.questions:
        lines.append("Answer, as far as these quotes allow: " + " ".join(rubric.questions))
    lines.append('Write 2 to 4 sentences in your own voice. Lead with the decisive reason, then name the strongest '
                 'point for and against. Quote only the quotes above, in double quotes. Answer as JSON: '
                 '{"rationale": "..."}')
    return "\n".join(lines)


def acceptable(text: object, lines: list[OcrLine], cited: list[str] | None = None) -> bool:
    """2-4 sentences; every quoted span is on the page and, given `cited`, one of the cited quotes, of which it
    quotes at least one (a rationale without the page's words is the model's, not the reviewer's)."""
    if not isinstance(text, str) or not text.strip() or len(text) > 1200:
        return False
    bare = _QUOTED.sub('""', text)
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", bare.strip()) if s]
    if not 2 <= len(sentences) <= 4:
        return False
    quotes = _QUOTED.findall(text)
    if not all(quote_line(q, lines) is not None for q in quotes):
        return False
    if cited is None:
        return True
    flat = [_flat(c) for c in cited]
    return (bool(quotes) or not cited) and all(any(_flat(q) in c or c in _flat(q) for c in flat) for q in quotes)


def _flat(text: str) -> str:
    return " ".join(text.lower().rstrip("…").split())


def write(rubric: Rubric, facts: Facts, review: Review, lines: list[OcrLine], backend: Backend) -> str | None:
    """The model's rationale, or None (the embedded prose stands) when it cannot answer or it does not hold up."""
    try:
        answer = backend.ask(prompt(rubric, facts, review), [], SCHEMA)
    except (ShipcardError, ValueError, RuntimeError, OSError) as exc:  # the card is never lost to a rationale
        log.info("%s: the model's %s rationale failed (%s); the embedded prose stands.", backend.name, rubric.id, exc)
        return None
    text = answer.get("rationale") if isinstance(answer, dict) else None
    cited = [c.evidence[0].text for c in review.criteria if c.evidence]
    return " ".join(text.split()) if acceptable(text, lines, cited) else None
