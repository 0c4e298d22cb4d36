"""The tagline by role: the slogan beside or under the name, chosen among the page's lines by a learned ranker
(`data/tagline_ranker.json`, trained like the name ranker: `python -m benchmarks.learned train`).

Candidates are each line with the lines it wraps onto, and the slogan half of a split heading ('Name - slogan').
Features say where a line sits against the chosen name (below it, in its column, how much smaller) and what it
is (its role, its words, a badge or link row, a command, a description that opens with the name). A best
candidate under the ranker's threshold means the page shows no tagline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import get_args

from ..datamodel import ROLES, Page, PageKind
from ..page.geometry import centre_x, overlap_x
from ..page.lexicon import ACTION_RE, PRICE_RE, SENTENCE_END, URL_RE, is_nav, split_heading, squash
from ..page.words import word_freqs
from .ranker import Trees
from .text import Pick, is_pitch, wrapped

LINK_ROW = re.compile(r"\s[•·|]\s|\s{3,}")  # 'Docs • Slack • Roadmap'
COMMAND = re.compile(r"^(?:\$\s|pip |npm |npx |brew |curl |docker |git |cargo |go |uv |yarn |pnpm )|[{}=<>]")
BILLING = re.compile(r"\b(?:plans?|pricing|prices?|billed|per month|upgrade|cancel|subscription|trial|credits?)\b",
                     re.IGNORECASE)
TAGLINE_FEATURES = {
    "dy": 0, "below": 0, "above": 0, "dx": 0, "overlap": +1, "size_ratio": 0, "size": 0, "words": 0, "chars": 0,
    "zipf_mean": 0, "sentence": 0, "upper": 0, "question": -1, "colon": 0, "opens_with_name": -1,
    "has_name": 0, "digits": 0, "pitch": +1, "action": -1, "nav": -1, "link_row": -1, "command": -1,
    "url": -1, "billing": -1, "lines": 0, "between": -1, "split": 0, "y_h": 0, "name_in_nav": 0,
    **{f"role_{r}": 0 for r in ROLES}, **{f"kind_{k}": 0 for k in get_args(PageKind)},
}


@dataclass
class Slogan:
    pick: Pick
    line: int  # index of its first line on the page
    split: bool = False


def slogans(page: Page, anchor: int) -> list[Slogan]:
    """Every line that could be the tagline of the name on line `anchor`, with its wrapped lines."""
    out = []
    for i, ln in enumerate(page.lines):
        if i == anchor or PRICE_RE.search(ln.text) or len(ln.text.split()) < 2:
            continue
        block = wrapped(page.lines[i:])
        out.append(Slogan(Pick(" ".join(b.text.strip() for b in block), block), i))
    split = split_heading(page.lines[anchor].text)
    if split:
        out.append(Slogan(Pick(split[1], [page.lines[anchor]]), anchor, split=True))
    return out


def tagline_rows(page: Page, anchor: int, name: str, cands: list[Slogan]) -> list[list[float]]:
    a = page.lines[anchor]
    width, height = page.size
    key = squash(name)
    kinds = get_args(PageKind)
    rows = []
    for c in cands:
        ln, text = page.lines[c.line], c.pick.text
        words = text.split()
        freqs = word_freqs(text) or [0.0]
        dy = (ln.box[1] - a.box[3]) / max(1.0, a.height)
        between = sum(1 for o in page.lines if a.box[3] <= o.box[1] < ln.box[1]) if dy >= 0 else 0
        rows.append([
            max(-20.0, min(dy, 20.0)), float(dy >= -0.5), float(dy < -0.5),
            abs(centre_x(ln) - centre_x(a)) / max(1, width), overlap_x(a, ln) / max(1.0, min(a.width, ln.width)),
            page.sizes[c.line] / max(1e-6, page.sizes[anchor]), page.sizes[c.line], len(words), len(text),
            sum(freqs) / len(freqs), float(bool(SENTENCE_END.search(text[-2:] + " "))), float(text.isupper()),
            float(text.rstrip().endswith("?")), float(":" in text), float(squash(text).startswith(key) and bool(key)),
            float(bool(key) and key in squash(text)), float(any(ch.isdigit() for ch in text)),
            float(is_pitch(text, name)), float(bool(ACTION_RE.match(text))), float(is_nav(text)),
            float(bool(LINK_ROW.search(ln.text))), float(bool(COMMAND.search(text))),
            float(bool(URL_RE.match(text.strip()))), float(bool(BILLING.search(text))), len(c.pick.lines),
            min(between, 30), float(c.split), ln.box[1] / max(1, height),
            float(page.rows[anchor] >= 3 and page.sizes[anchor] < 1.5),
            *(float(page.roles[c.line] == r) for r in ROLES), *(float(page.kind == k) for k in kinds),
        ])
    return rows


def rank_tagline(page: Page, anchor: int, name: str, trees: Trees) -> tuple[Slogan, float] | None:
    """The likeliest tagline and how sure the ranker is of it (calibrated from its lead over the runner-up); None
    when no line could be one."""
    cands = slogans(page, anchor)
    if not cands:
        return None
    probs = trees.predict(tagline_rows(page, anchor, name, cands))
    order = sorted(range(len(cands)), key=lambda i: -probs[i])
    second = probs[order[1]] if len(order) > 1 else 0.0
    return cands[order[0]], trees.confidence(probs[order[0]], second)
