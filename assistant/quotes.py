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


_TAIL_OF_SENTENCE = re.compile(r"^[a-z][^.!?]{0,40}[.!?]\s+(?=[A-Z0-9])")
_DANGLING = frozenset(["a", "an", "the", "and", "or", "of", "to", "for", "in", "on", "with", "from", "by", "as", "at", "its", "their", "your", "our", "that", "which"])
_CLAUSE_END = re.compile(r"[,;:]\s|\s[—–-]\s|[.!?]\s")


def clip(text: str, limit: int = 70, keep: tuple[int, int] | None = None) -> str:
    """`text` shortened for a reader: whole clauses where one fits in `limit`, else whole words, with '…' where it
    was cut; never inside a word ('from Hug…' reads as a typo). `keep`, a span of the text with its spaces
    collapsed, is what proves the point: the clip keeps it, starting at its clause when the start must go. A single
    word longer than `limit` stays whole."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    if keep and keep[1] > limit - 1:  # the proof lies past the cut: start at its clause, else at its word
        sentences = [m.end() for m in re.finditer(r"[.!?]\s", text[: keep[0]])]
        clauses = [m.end() for m in _CLAUSE_END.finditer(text[: keep[0]])]
        words = [0] + [m.end() for m in re.finditer(r" ", text[: keep[0]])]
        whole = [s for s in sentences if keep[1] - s <= limit - 1]  # its own sentence reads best
        fits = [s for s in clauses if keep[1] - s <= limit - 1] or [s for s in words if keep[1] - s <= limit - 1]
        start = max(whole) if whole else min(fits) if fits else max(0, text.rfind(" ", 0, keep[0]) + 1)
        mark = "" if start == 0 or text[start:start + 1].isupper() else "…"
        text = mark + text[start:]
        return text if len(text) <= limit else _clip_end(text, limit + len(mark), keep[1] - start + len(mark))
    offset = 0
    tail = _TAIL_OF_SENTENCE.match(text)  # 'tasks. The model is…': the line opens on the end of a wrapped sentence
    if tail and len(text) - tail.end() >= limit // 2 and (not keep or keep[0] >= tail.end()):
        offset, text = tail.end(), text[tail.end():]
        if len(text) <= limit:
            return text
    return _clip_end(text, limit, keep[1] - offset if keep else 0)


def _clip_end(text: str, limit: int, after: int = 0) -> str:
    """`text` cut after a clause (or a word) past `after` and within `limit`."""
    ends = [m.start() + (0 if m.group().startswith(" ") else 1) for m in _CLAUSE_END.finditer(text[: limit + 1])]
    ends = [e for e in ends if e >= max(limit // 2, after)]  # a clause too short to carry the point: not an end
    if ends:
        kept = text[: ends[-1]].rstrip(" ,;:—–-")
        return kept if kept.endswith((".", "!", "?")) else kept + "…"  # a whole sentence needs no ellipsis
    cut = text.rfind(" ", 0, limit)
    if cut <= 0:
        word = text.split(" ", 1)[0]
        return word if word == text else word + " …"
    words = text[:cut].rstrip(" ,;:—–-").split(" ")
    while len(words) > 3 and words[-1].lower() in _DANGLING:  # 'serves them through a…' ends on nothing
        words.pop()
    return " ".join(words).rstrip(" ,;:—–-") + "…"


def _verbatim(text: str, line: str) -> bool:
    """`text` is in `line` as written (case and spacing aside)."""
    return " ".join(text.split()).lower() in " ".join(line.split()).lower()
