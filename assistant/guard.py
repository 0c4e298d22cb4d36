"""Page text is data. Lines that address the reader as a model or reviewer are set aside.

Scores come from rubric rules over facts, so page text cannot set a score directly; this guard
also keeps such lines out of evidence and out of prompts' evidence lists (defence in depth).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .datamodel import OcrLine, Screen

INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget)\b.{0,60}\b(?:instructions?|rubrics?|prompts?|rules|guidelines|previous)\b"
    r"|\b(?:score|rate|rank|grade)\s+(?:this|it|us|the product)\b"
    r"|\b(?:ai|llm|model|assistant)s?\s+reviewers?\b|\breviewers?\s*[:,]"
    r"|\b(?:system|developer)\s+prompt\b|\byou\s+are\s+(?:now\s+)?(?:a|an|the)\s+\w+"
    r"|\bas\s+an?\s+(?:ai|language model)\b|\b100\s*/\s*100\b|\bverdict\s*[:=]\s*ship\b",
    re.IGNORECASE,
)


def is_instruction(text: str) -> bool:
    return bool(INSTRUCTION.search(text))


def data_lines(lines: Iterable[OcrLine]) -> list[OcrLine]:
    """The lines rules, prompts and citations may use: all but those that address the reader as a model."""
    return [line for line in lines if not is_instruction(line.text)]


def page_lines(screen: Screen) -> list[OcrLine]:
    """`data_lines` of one screenshot."""
    return data_lines(screen.lines)
