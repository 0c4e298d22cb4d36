"""Rationales written by a language model, kept only when they hold up.

The model gets the judged criteria and the verified quotes (never the screenshots), and answers JSON through the
engine's `ask` seam. A served model writes the rationale freely. A local engine fills a sentence frame under a
grammar: the reviewer's own sentences (its TOML voice) take the model's claim and the point on the other side, and
the quote between them can only be one of the cited ones (a JSON-schema enum). Left free, SmolLM2-135M rarely closed
its string: 0 of 8 kept on the demo, 6 cut off at the token limit, 83-95 s (benchmarks/rationale.py). A rationale is
kept when it has 2-4 distinct sentences, does not loop, its slots are not an echo of the prompt, and every span it
quotes is on the page and cited; otherwise the embedded prose stands. On by default for served models (`auto`);
`--rationale model` opts a local engine in (eight rationales cost tens of seconds on a CPU), `rules` keeps the
embedded prose.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Literal, TypeGuard

from .errors import ShipcardError
from .quotes import quote_line

if TYPE_CHECKING:
    from .backends.base import Backend
    from .datamodel import Facts, OcrLine, Review
    from .rubrics import Rubric

log = logging.getLogger(__name__)
Rationale = Literal["auto", "model", "rules"]
SCHEMA = {"type": "object", "properties": {"rationale": {"type": "string"}},  # a 1200-char cap blows up GBNF
          "required": ["rationale"], "additionalProperties": False}
FRAME_CHARS = 80  # a clause each for the claim and the other side; short caps keep GBNF small
SLOT = "\x00"
_QUOTED = re.compile(r"[“\"]([^”\"]+)[”\"]")
_FREE = 'Write 2 to 4 sentences in your own voice. Lead with the decisive reason, then name the strongest point for ' \
        'and against. Quote only the quotes above, in double quotes. Answer as JSON: {"rationale": "..."}'


def writes(backend: Backend | None, rationale: Rationale) -> bool:
    """Whether the model writes the rationales: asked for, or a served model by default, and the engine can."""
    if backend is None or not backend.chats or rationale == "rules":
        return False
    return rationale == "model" or backend.served  # a server's decode is not this machine's CPU


def framed(backend: Backend) -> bool:
    """A local engine fills the sentence frame; a served model writes freely."""
    return not backend.served


def schema(review: Review, frame: bool) -> dict:
    """The free schema, or the frame whose `evidence` can only be one of the review's cited quotes."""
    if not frame:
        return SCHEMA
    cited = _cited(review)
    props = {"claim": {"type": "string", "maxLength": FRAME_CHARS}, "other": {"type": "string", "maxLength": FRAME_CHARS}}
    if cited:
        props["evidence"] = {"type": "string", "enum": cited}
    return {"type": "object", "properties": props, "required": sorted(props), "additionalProperties": False}


_STATES: dict[bool | None, str] = {True: "met", False: "not met"}


def prompt(rubric: Rubric, facts: Facts, review: Review, frame: bool = False) -> str:
    lines = [f"You are the {rubric.name} on a review panel. Your question: {rubric.lens}",
             f"Product: {facts.name or 'unnamed'}. Your verdict: {review.verdict}, {review.score}/100.",
             "What you judged (met / not met / unknown), with the only quotes you may use:"]
    for c in review.criteria:
        state = _STATES.get(c.met, "unknown")
        quote = f' — quote: "{c.evidence[0].text}"' if c.evidence else ""
        lines.append(f"- {c.label}: {state}{quote}")
    if rubric.questions:
        lines.append("Answer, as far as these quotes allow: " + " ".join(rubric.questions))
    lines.append(_frame_ask(rubric, facts, review) if frame else _FREE)
    return "\n".join(lines)


def _frame_ask(rubric: Rubric, facts: Facts, review: Review) -> str:
    lead, turn = (_slot(t) for t in _frame(rubric, facts, review))
    evidence = '"evidence": the quote above that backs it, copied exactly; ' if _cited(review) else ""
    return ('Answer as JSON with these fields: "claim": a few words of your own, the decisive reason for your verdict, '
            f'to end the sentence "{lead}"; {evidence}"other": a few words, the strongest point the other way, to end '
            f'the sentence "{turn}".')


def _frame(rubric: Rubric, facts: Facts, review: Review) -> tuple[str, str]:
    """The reviewer's own sentences (its TOML voice) with one slot each: the verdict's reason, the other side."""
    v, name = rubric.voice, facts.name or "this product"
    lead, turn = (v.ship, v.against) if review.verdict == "ship" else (v.skip, v.favour)

    def fill(t: str) -> str:
        return t.replace("{name}", name).replace("{point}", SLOT).replace("{gap}", SLOT)

    return fill(lead), fill(turn)


def _slot(template: str) -> str:
    return template.replace(SLOT, "...")


def acceptable(text: object, lines: list[OcrLine], cited: list[str] | None = None) -> TypeGuard[str]:
    """2-4 sentences, none said twice, no loop; every quoted span is on the page and, given `cited`, one of the cited
    quotes, of which it quotes at least one (a rationale without the page's words is the model's, not the reviewer's)."""
    if not isinstance(text, str) or not text.strip() or len(text) > 1200:
        return False
    bare = _QUOTED.sub('""', text)
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", bare.strip()) if s]
    if not 2 <= len(sentences) <= 4 or len({_flat(s) for s in sentences}) < len(sentences) or _loops(bare):
        return False
    quotes = _QUOTED.findall(text)
    if not all(quote_line(q, lines) is not None for q in quotes):
        return False
    if cited is None:
        return True
    flat = [_flat(c) for c in cited]
    return (bool(quotes) or not cited) and all(any(_flat(q) in c or c in _flat(q) for c in flat) for q in quotes)


def _loops(text: str) -> bool:
    """A small model's loop: some run of three words said three times ('a business that is a business that is')."""
    words = re.findall(r"\w+", text.lower())
    runs = [tuple(words[i:i + 3]) for i in range(len(words) - 2)]
    return any(runs.count(run) >= 3 for run in set(runs))


def _cited(review: Review) -> list[str]:
    return list(dict.fromkeys(c.evidence[0].text for c in review.criteria if c.evidence))


def _flat(text: str) -> str:
    return " ".join(text.lower().rstrip("…").split())


def write(rubric: Rubric, facts: Facts, review: Review, lines: list[OcrLine], backend: Backend,
          frame: bool | None = None) -> str | None:
    """The model's rationale, or None (the embedded prose stands) when it cannot answer or it does not hold up.
    `frame` forces the sentence frame on or off (benchmarks/rationale.py measures both); by default `framed`."""
    frame = framed(backend) if frame is None else frame
    asked = prompt(rubric, facts, review, frame)
    try:
        answer = backend.ask(asked, [], schema(review, frame))
    except (ShipcardError, ValueError, RuntimeError, OSError) as exc:  # the card is never lost to a rationale
        log.info("%s: the model's %s rationale failed (%s); the embedded prose stands.", backend.name, rubric.id, exc)
        return None
    if frame and not _own_words(answer, asked):
        log.info("%s: the model's %s rationale echoes the prompt; the embedded prose stands.", backend.name, rubric.id)
        return None
    text = compose(answer, _frame(rubric, facts, review))
    if not acceptable(text, lines, _cited(review)):
        log.info("%s: the model's %s rationale does not hold up (2-4 distinct sentences, only the cited quotes); the "
                 "embedded prose stands.", backend.name, rubric.id)
        return None
    return " ".join(text.split())


def _own_words(answer: object, asked: str) -> bool:
    """A frame's slots hold three words or more of the model's own: not an echo of the prompt (its instructions,
    the reviewer's sentence, a quote that the frame cites anyway), and not one another."""
    if not isinstance(answer, dict):
        return False
    if isinstance(answer.get("rationale"), str):  # written freely: no slots, `acceptable` judges it whole
        return True
    slots = [_clause(answer.get(k)) for k in ("claim", "other")]
    told = _runs(asked.rsplit("\n", 1)[-1])  # the instructions' own four-word runs ("a few words of your own")
    fresh = all(len(s.split()) >= 3 and _flat(s) not in _flat(asked) and not _runs(s) & told for s in slots)
    return fresh and _flat(slots[0]) != _flat(slots[1])


def _runs(text: str, n: int = 4) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def compose(answer: object, frame: tuple[str, str]) -> str | None:
    """The rationale in an answer: written freely, or the frame filled (the reviewer's sentence with the claim, the
    cited quote, the reviewer's sentence with the other side)."""
    if not isinstance(answer, dict):
        return None
    if isinstance(answer.get("rationale"), str):
        return answer["rationale"]
    claim, other = (_clause(answer.get(k)) for k in ("claim", "other"))
    if not claim or not other:
        return None
    evidence = answer.get("evidence")
    quoted = f" The page says “{evidence.strip()}”." if isinstance(evidence, str) and evidence.strip() else ""
    return f"{frame[0].replace(SLOT, claim)}{quoted} {frame[1].replace(SLOT, other)}"


def _clause(text: object) -> str:
    """A slot's words: one line, without the full stop the sentence already has."""
    return " ".join(text.split()).rstrip(" .!?;:") if isinstance(text, str) else ""
