"""Name and tagline from line roles: the most name-like line wins, the runner-up is kept as an alternative.

Names are read as a person writes them: a split heading ('Name - slogan') gives its left part (and
its right part is the tagline when no line plays that role), and a hub's 'org / model' gives the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..datamodel import OcrLine, Screen
from .layout import SENTENCE_END, split_heading, squash
from .text import Pick, _continues

TAGLINE_MIN = 0.45  # below this no line is called a tagline: a missing tagline beats an invented one
TAGLINE_GROW = 0.25  # a wrapped line joins the tagline when its own score reaches this
ALTERNATIVE_MIN = 0.05
TRIM = "|·•-–—:;,. \u2122\u00ae"


@dataclass
class Choice:
    pick: Pick
    confidence: float
    alternatives: list[tuple[str, float]] = field(default_factory=list)


def name_text(text: str) -> str:
    """The product's name as a heading line writes it."""
    text = text.strip()
    split = split_heading(text)
    if split:
        text = split[0]
    if "/" in text and not text.startswith("/"):
        text = text.rsplit("/", 1)[1]
    return re.sub(r"\s+", " ", text).strip(TRIM)


def choose_name(screen: Screen, probs: list[dict[str, float]]) -> Choice | None:
    """The line most likely to name the product; distinct runner-ups become alternatives."""
    best: dict[str, tuple[float, OcrLine]] = {}
    for line, p in zip(screen.lines, probs):
        text = name_text(line.text)
        key = squash(text)
        if len(key) < 2:
            continue
        if key not in best or p["name"] > best[key][0]:
            best[key] = (p["name"], line)
    ranked = sorted(best.values(), key=lambda item: -item[0])
    if not ranked:
        return None
    score, line = ranked[0]
    alternatives = [(name_text(ln.text), round(s, 3)) for s, ln in ranked[1:3] if s >= ALTERNATIVE_MIN]
    return Choice(Pick(_named_as_written(screen, name_text(line.text), line), [line]), score, alternatives)


def _named_as_written(screen: Screen, name: str, line: OcrLine) -> str:
    """An 'org / model' heading's model part, as the page's own heading writes it when one matches."""
    if "/" not in line.text:
        return name
    same = [ln for ln in screen.lines if ln is not line and squash(ln.text) == squash(name)]
    return same[0].text.strip() if same else name


def choose_tagline(screen: Screen, probs: list[dict[str, float]], name: Choice | None) -> Choice | None:
    """The best tagline line and the wrapped lines of its block; else the right half of a split name heading."""
    name_line = name.pick.lines[0] if name else None
    scored = [(p["tagline"], i) for i, p in enumerate(probs) if screen.lines[i] is not name_line]
    top = max(scored, default=(0.0, -1))
    if top[0] >= TAGLINE_MIN:
        block = _grow(screen.lines, probs, top[1])
        text = " ".join(ln.text.strip() for ln in block)
        return Choice(Pick(text, block), top[0])
    split = split_heading(name_line.text) if name_line else None
    if split and name is not None:
        return Choice(Pick(split[1], [name_line]), round(0.8 * name.confidence, 3))
    return None


def _grow(lines: list[OcrLine], probs: list[dict[str, float]], i: int) -> list[OcrLine]:
    """The tagline line and its wrapped neighbours (same size, same column, line-height gaps)."""
    block = [lines[i]]
    j = i - 1
    while j >= 0 and probs[j]["tagline"] >= TAGLINE_GROW and _continues(lines[j], block[0]):
        block.insert(0, lines[j])
        j -= 1
    j = i + 1
    while j < len(lines) and _continues(block[-1], lines[j]) and (
            probs[j]["tagline"] >= TAGLINE_GROW or not SENTENCE_END.search(block[-1].text[-2:] + " ")):
        block.append(lines[j])
        j += 1
    return block
