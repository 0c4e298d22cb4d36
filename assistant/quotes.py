"""Where a text is on the page: the one locator behind every check of a model's words.

The judge (a VLM's quote for a criterion), chat (a model's quotes for an answer) and the VLM engines
(values proposed for facts, verdict quotes) all find text on the page here, so they cannot disagree.
Matching is normalised fuzzy containment: lower-cased alphanumerics (and currency and % signs), difflib
ratio >= MATCH_RATIO on a window of the text's length; among equally good lines one holding the text as
written wins; a text spanning lines is found where it starts.
"""

from __future__ import annotations

import difflib
import re

from .datamodel import Evidence, OcrLine

MATCH_RATIO = 0.85
MIN_QUOTE_CHARS = 4  # a quote shorter than this (normalised) is found on nearly any page: not evidence
SPAN_LINES = 4  # a value may run over this many consecutive lines


def normalise(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9$€£¥%]+", (text or "").lower()))


def fuzzy_contains(needle: str, haystack: str, threshold: float = MATCH_RATIO) -> float:
    """Best difflib ratio of `needle` against a same-length window of `haystack` (both normalised); 0 if below."""
    n, h = normalise(needle), normalise(haystack)
    if not n or not h:
        return 0.0
    if n in h:
        return 1.0
    width = len(n)
    if width > len(h) * 1.2 + 4:
        return 0.0
    best = 0.0
    starts = [0] + [m.start() + 1 for m in re.finditer(" ", h)]
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(n)
    for s in starts:
        matcher.set_seq1(h[s : s + width])
        if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
            continue
        best = max(best, matcher.ratio())
    return best if best >= threshold else 0.0


def locate(value: str, lines: list[OcrLine]) -> OcrLine | None:
    """The OCR line that holds `value` (or where a value spanning lines starts), None if not on the page."""
    scored = [(fuzzy_contains(value, line.text), _verbatim(value, line.text), line) for line in lines]
    best = max(scored, key=lambda s: s[:2], default=(0.0, False, None))
    if best[0]:
        return best[2]
    for size in range(2, SPAN_LINES + 1):  # the fewest consecutive lines that hold it, first where it starts
        for i in range(len(lines) - size + 1):
            if fuzzy_contains(value, " ".join(line.text for line in lines[i : i + size])):
                return lines[i]
    return None


def quote_line(quote: str, lines: list[OcrLine]) -> OcrLine | None:
    """The page line a model's quote comes from; None if it is too short to count or not on the page."""
    if len(normalise(quote)) < MIN_QUOTE_CHARS:
        return None
    return locate(quote, lines)


def cite(quote: str, line: OcrLine) -> Evidence:
    """Evidence for a located quote: the quote where the line holds it word for word, else the line itself."""
    quote = " ".join(quote.split())
    return line.evidence(quote if _verbatim(quote, line.text) else None)


def _verbatim(text: str, line: str) -> bool:
    """`text` is in `line` as written (case and spacing aside)."""
    return " ".join(text.split()).lower() in " ".join(line.split()).lower()
