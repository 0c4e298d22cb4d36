"""The product's name and tagline: every reading of every line is a candidate (`candidates.py`), the shipped
learned ranker (or the layout `prior`, or any `Scorer` over the same features) ranks them, the best wins and the
runner-ups become `alternatives`. A learned ranker's confidence is calibrated; the prior's is the winner's share of a
softmax over the plausible candidates. A best reading under the ranker's threshold: the page shows no name.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from statistics import median
from typing import Protocol, get_args

import numpy as np

from ..datamodel import ROLES, OcrLine, Page, PageKind
from ..page.geometry import boxes
from ..page.lexicon import ACTION_RE, PRICE_RE, SENTENCE_END, TIER_NAME_RE, URL_RE, is_nav, split_heading, squash
from ..page.versus import VERSUS
from ..page.words import COMMON
from .candidates import TRANSFORMS, Candidate, candidates
from .mentions import MENTION_FEATURES, Mentions
from .ranker import shipped
from .tagline import rank_tagline
from .text import Pick, find_tagline, is_pitch, wrapped

TAGLINE_CONFIDENCE = 0.67  # a tagline found was right 47 times in 70 on the unsealed families and labeled-v1
ALTERNATIVE_MIN = 0.01  # a runner-up below this share is not a competitor worth naming
SOFTMAX_T = 0.5  # score units per e-fold of odds; set so confidences track accuracy on the corpus
TIME = re.compile(r"^\d{1,2}:\d{2}")
FIGURE = re.compile(r"\d{1,3}(?:,\d{3})+|\b\d+(?:\.\d+)?\s*(?:%|\+)|^[\d\s.]+$")  # counts, not versions or sizes
CODE = re.compile(r"[=(){};<>]|^(?:def|class|import|from|return|pip|npm|curl|docker)\b")
TIE = 0.97  # readings within 3% of each other's score are alike
# Name features, page-relative so a 2x capture or a phone reads like a desktop page. `+`: more of it makes a
# name likelier, `-`: less likely (monotonic constraints when training), `0`: either way.
NAME_FEATURES = {
    "h_rel_max": +1, "h_rank": -1, "h_body": 0, "y_w": 0, "nav_band": 0, "row_n": 0, "xc_off": 0,
    "repeats": +1, "in_url": +1, "common": -1, "words": 0, "action": -1, "sentence": -1,
    "has_digit": 0, "caps": 0, "bigger_below": -1, "plausible": +1, "hero_below": +1, "first_row": 0,
    "len": 0, "page_prices": 0, "name_like": +1, "h_rel_named": +1, "logo": 0, "size": +1, "size_rel_named": +1,
    "bigger_size_below": -1, "logo_overruled": -1, "prior": +1,
    **{f"is_{t}": 0 for t in TRANSFORMS},
    # where the line sits on the Page and what it is (stages: roles, kind)
    "y_h": 0, "corner": 0, "ocr_conf": 0, "size_rank": -1, "n_lines": 0, "alone": 0,
    **{f"role_{r}": 0 for r in ROLES}, **{f"kind_{k}": 0 for k in get_args(PageKind)},
    **MENTION_FEATURES,
    "prior_gap": +1, "prior_rank": -1,  # against the page's other readings: the best one is 0, 0
}
class Scorer(Protocol):
    """Maps `NAME_FEATURES` rows to scores; higher names the product more surely."""

    def predict(self, rows: list[list[float]]) -> list[float]: ...


class PriorScorer:
    def predict(self, rows: list[list[float]]) -> list[float]:
        column = list(NAME_FEATURES).index("prior")
        return [row[column] for row in rows]


@dataclass
class Choice:
    pick: Pick
    confidence: float
    alternatives: list[tuple[str, float]] = field(default_factory=list)
    shown: bool = True  # False: the best reading is too unsure to be the name; the page may not show one


def plausible(text: str, page_prices: int) -> bool:
    """Could this text be a product's name at all (known failure kinds excluded)?"""
    words = text.split()
    return (len(squash(text)) >= 3 and len(words) <= 6 and not is_nav(text) and not ACTION_RE.match(text)
            and ":" not in text and not FIGURE.search(text) and not re.match(r"^\W", text) and not CODE.search(text)
            and common_share(text) < 1.0 and not PRICE_RE.search(text)
            and not TIME.match(text) and not (page_prices >= 2 and TIER_NAME_RE.match(text))
            and not (SENTENCE_END.search(text[-2:] + " ") and len(words) > 3)
            and re.search(r"[^\W\d_]{2}", text) is not None)


def common_share(text: str) -> float:
    """The share of a text's words (hyphenated parts counted apart) that are common English or UI words."""
    words = [w for w in re.split(r"[\s\-–—/]+", text.lower()) if re.search(r"[a-z]", w)]  # '2.0' says nothing
    return sum(w.strip(".,:!?&()") in COMMON for w in words) / len(words) if words else 1.0


def name_like(text: str) -> bool:
    """Short and specific, as names are ('Kestrel Coder'); not a slogan ('Build in a weekend', 'Pay once. Upscale
    forever')."""
    return len(text.split()) <= 4 and common_share(text) <= 0.5 and not re.search(r"[.!?]\s", text)


def name_rows(page: Page, cands: list[Candidate]) -> list[list[float]]:
    """One row of `NAME_FEATURES` per candidate."""
    lines = page.lines
    width = page.size[0]
    lowered = [ln.text.lower() for ln in lines]
    urls = squash(" ".join(t for t in lowered if URL_RE.match(t.strip())))
    page_prices = sum(1 for ln in lines if PRICE_RE.search(ln.text))
    ok = [plausible(c.text, page_prices) for c in cands]
    heights = sorted({round(lines[c.line].height) for c, good in zip(cands, ok, strict=False) if good}, reverse=True) or [1]
    named = [lines[c.line] for c, good in zip(cands, ok, strict=False) if good and name_like(c.text)
             and lines[c.line].box[1] < width * 0.8]
    top_named = max((ln.height for ln in named), default=1.0)
    sizes = page.sizes
    size_of = {id(ln): sz for ln, sz in zip(lines, sizes, strict=False)}
    top_size = max((size_of[id(ln)] for ln in named), default=1.0)
    body = median(ln.height for ln in lines)
    rows_of = page.rows
    where, mentions = _placement(page), Mentions.of(page)
    rows = []
    for c, good in zip(cands, ok, strict=False):
        ln = lines[c.line]
        words = c.text.split()
        repeats = sum(1 for j, t in enumerate(lowered) if j != c.line and _has_word(t, c.text.lower()))
        h = round(ln.height)
        rows.append([
            ln.height / heights[0], next((r for r, x in enumerate(heights) if x <= h), len(heights)), ln.height / body,
            ln.box[1] / width, float(rows_of[c.line] >= 3 and ln.box[1] < width * 0.1), rows_of[c.line],
            abs((ln.box[0] + ln.box[2]) / 2 - width / 2) / width, min(repeats, 10),
            float(len(squash(c.text)) >= 3 and squash(c.text) in urls),
            common_share(c.text), len(words),
            float(bool(ACTION_RE.match(c.text))),
            float(bool(SENTENCE_END.search(c.text[-2:] + " "))), float(any(ch.isdigit() for ch in c.text)),
            sum(ch.isupper() for ch in c.text) / max(1, sum(ch.isalpha() for ch in c.text)),
            sum(1 for x in named if x.box[1] > ln.box[3] and x.height > 1.25 * ln.height), float(good),
            _hero_below(lines, c.line), float(c.line < 3 and ln.box[1] < width * 0.05),
            len(c.text), min(page_prices, 20), float(good and name_like(c.text)), ln.height / top_named,
            float(ln.box[1] < width * 0.06 and ln.box[0] < width * 0.35),
            sizes[c.line], sizes[c.line] / top_size,
            sum(1 for x in named if x.box[1] > ln.box[3] and size_of[id(x)] > 1.25 * sizes[c.line]),
            float(ln.box[1] < width * 0.06 and any(x.box[1] > width * 0.06 and size_of[id(x)] >= 1.1 * sizes[c.line]
                                                   for x in named)),
            *(float(c.transform == t) for t in TRANSFORMS),
            *where[c.line], *mentions.features(c.text, c.line),
        ])
    return _relative(rows)


def _relative(rows: list[list[float]]) -> list[list[float]]:
    """Insert each row's prior, then append how it stands against the page's best prior (gap and rank)."""
    keys = [k for k in NAME_FEATURES if k not in ("prior", "prior_gap", "prior_rank")]
    priors = [prior(dict(zip(keys, row, strict=True))) for row in rows]
    order = {i: r for r, i in enumerate(sorted(range(len(rows)), key=lambda i: -priors[i]))}
    top = max(priors, default=0.0)
    at = list(NAME_FEATURES).index("prior")
    for i, row in enumerate(rows):
        row.insert(at, priors[i])
        row += [priors[i] - top, float(min(order[i], 30))]
    return rows


def _placement(page: Page) -> list[list[float]]:
    """Per line: its height on the page, whether it sits in the top-left corner (an app's sidebar head, a window
    title), OCR confidence, size rank (0: largest), the page's line count, whether it stands alone, its role and
    the page's kind, one-hot."""
    width, height = page.size
    order = {i: r for r, i in enumerate(sorted(range(len(page.lines)), key=lambda i: -page.sizes[i]))}
    kinds = get_args(PageKind)
    out: list[list[float]] = []
    if not page.lines:
        return out
    box = boxes(page.lines)
    h = box[:, 3] - box[:, 1]
    overlap = np.minimum(box[:, None, 2], box[None, :, 2]) - np.maximum(box[:, None, 0], box[None, :, 0])
    near = (np.abs(box[None, :, 1] - box[:, None, 1]) < 1.5 * h[:, None]) & (overlap > -h[:, None])
    np.fill_diagonal(near, False)
    lonely = ~near.any(axis=1)
    for i, ln in enumerate(page.lines):
        alone = bool(lonely[i])
        out.append([ln.box[1] / max(1, height), float(ln.box[0] < 0.25 * width and ln.box[1] < 0.12 * height),
                    ln.confidence, min(order[i], 30), min(len(page.lines), 200), float(alone),
                    *(float(page.roles[i] == r) for r in ROLES), *(float(page.kind == k) for k in kinds)])
    return out


# Hand-set weights of the layout prior (see benchmarks/README.md: chosen on the unsealed families).
PRIOR = {"size": 2.0, "repeats": 0.4, "common": 1.0, "words": 0.3, "low": 2.0, "host_logo": 1.5, "logo": 1.0,
         "path": 0.8, "hero": 0.3, "split": 0.3, "name_like": 1.0, "affix": 1.5, "versus": 1.0, "nav": 1.5}


def prior(f: dict[str, float]) -> float:
    """A person's reading of a page, as one number: big, specific, repeated text near the top names the product;
    a wordmark in the nav band does too, unless a bigger specific heading below it names something else."""
    w = PRIOR
    score = w["size"] * min(f["size_rel_named"], 1.2) + w["repeats"] * min(f["repeats"], 3) - w["common"] * f["common"]
    score += w["name_like"] * f["name_like"] - w["words"] * max(0.0, f["words"] - 3) - w["low"] * max(0.0, f["y_w"] - 0.35)
    if f["logo"]:
        score += -w["host_logo"] if f["bigger_size_below"] else w["logo"]
    elif f["nav_band"] or f["first_row"]:
        score -= w["nav"]  # a link in the nav band, right of the wordmark
    score += w["path"] * f["is_path"] + w["hero"] * f["hero_below"] + w["split"] * f["is_split"]
    return score + w["affix"] * (f["is_suffix"] + f["is_prefix"]) + w["versus"] * f["is_versus-first"]


def _has_word(text: str, word: str) -> bool:
    """`word` stands in `text` as a whole word (no letter, digit, '_' or '-' touches it): a plain scan, not a regex
    compiled per candidate (thousands a page)."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before in "_-") and not (after.isalnum() or after in "_-"):
            return True
        start = text.find(word, start + 1)
    return False


def _hero_below(lines: list[OcrLine], i: int) -> float:
    """1 when a smaller line of several words sits right under this one: a heading with its pitch."""
    ln = lines[i]
    for other in lines[i + 1:i + 6]:
        gap = other.box[1] - ln.box[3]
        overlap = min(ln.box[2], other.box[2]) - max(ln.box[0], other.box[0])
        if -2 <= gap < 2.5 * ln.height and overlap > 0 and other.height < ln.height and len(other.text.split()) >= 3:
            return 1.0
    return 0.0


def choose_name(page: Page, scorer: Scorer | None = None) -> Choice | None:
    """The best-scored plausible reading; distinct runner-ups become alternatives. The shipped learned ranker
    scores by default (the layout prior where it is absent); a ranker's best reading under its no-name threshold
    is a page that does not show the product's name (`Choice.shown` False: the card says so)."""
    cands = candidates(page)
    rows = name_rows(page, cands)
    ranker = scorer or shipped() or PriorScorer()
    scores = ranker.predict(rows)
    probable = getattr(ranker, "probabilities", False)  # a learned ranker weighs plausibility itself
    scores = dom_prior(page, cands, scores)
    column = list(NAME_FEATURES).index("plausible")
    kept = [(c, s) for c, s, row in zip(cands, scores, rows, strict=False) if probable or row[column]] or list(zip(cands, scores, strict=False))
    best: dict[str, tuple[float, Candidate]] = {}
    for c, s in kept:
        key = squash(c.text)
        if key not in best or s > best[key][0]:
            best[key] = (s, c)
    ranked = _fuller_on_tie(sorted(best.values(), key=lambda item: -item[0]))
    if not ranked:
        return None
    shares = [s for s, _ in ranked] if probable else _softmax([s for s, _ in ranked])
    top = ranked[0][1]
    alternatives = [(c.text, round(p, 3)) for p, (_, c) in zip(shares[1:3], ranked[1:3], strict=False) if p >= ALTERNATIVE_MIN]
    if not probable:
        return Choice(Pick(top.text, [page.lines[top.line]]), shares[0], alternatives)
    sure = ranker.confidence(shares[0], shares[1] if len(shares) > 1 else 0.0) if hasattr(ranker, "confidence") \
        else shares[0]
    shown = sure >= getattr(ranker, "absent_below", 0.0)
    return Choice(Pick(top.text, [page.lines[top.line]]), sure, alternatives, shown)


HEADING_CUTS = ("suffix", "prefix", "versus-first", "versus-second")


def dom_prior(page: Page, cands: list[Candidate], scores: list[float]) -> list[float]:
    """On a captured page, the DOM's word on the name: the page's own <h1> states its subject. Where the <h1> holds a
    fuller form of the ranker's best reading (the logo's 'Cal.com', the heading's 'Cal.com Platform pricing'), or
    the best reading is the second name of an <h1> 'A vs. B' (the page is A's), the heading's reading trades scores
    with the best, so it leads with the confidence the ranker had in its own best. Otherwise, and on screenshots
    (no DOM), the ranking stands: a heading is as often a slogan or a README's short title as the product's name."""
    lines = page.lines
    if not scores:
        return scores
    top = max(range(len(scores)), key=lambda i: scores[i])
    lead, key = cands[top], squash(cands[top].text)

    def h1(c: Candidate) -> bool:
        dom = lines[c.line].dom
        return dom is not None and dom.heading == 1 and not dom.chrome and plausible(c.text, 0) and len(c.text.split()) <= 4

    if lead.transform == "versus-second" and h1(lead):
        fuller = [i for i, c in enumerate(cands) if c.line == lead.line and c.transform == "versus-first"]
    else:  # a heading read as a name plus a page word ('… pricing', 'A vs. B') offers the name, not the whole line
        cut = {c.line for c in cands if c.transform in HEADING_CUTS}
        fuller = [i for i, c in enumerate(cands) if h1(c) and not (c.transform == "line" and c.line in cut)
                  and not VERSUS.match(c.text) and len(key) >= 3 and squash(c.text).startswith(key) and len(squash(c.text)) > len(key)]
    if not fuller:
        return scores
    best = max(fuller, key=lambda i: scores[i])
    out = list(scores)
    out[best], out[top] = scores[top], scores[best]
    return out


def _fuller_on_tie(ranked: list[tuple[float, Candidate]]) -> list[tuple[float, Candidate]]:
    """Of two readings scored alike where one holds the other ('coder' from 'kestrel/coder' against the heading
    'Kestrel Coder'), the fuller one leads: a part of a name is not the name."""
    if len(ranked) < 2:
        return ranked
    (s0, top), (s1, second) = ranked[0], ranked[1]
    if s1 >= TIE * s0 and squash(top.text) in squash(second.text) and squash(top.text) != squash(second.text):
        return [ranked[1], ranked[0], *ranked[2:]]
    return ranked


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    weights = [math.exp((s - top) / SOFTMAX_T) for s in scores]
    total = sum(weights)
    return [w / total for w in weights]


def choose_tagline(page: Page, name: Choice | None) -> Choice | None:
    """The pitch under the chosen name; when the name is a wordmark in the nav band (links follow it there), the
    page's hero slogan; else the right half of a split heading ('Name - slogan')."""
    if name is None:
        return None
    line = name.pick.lines[0]
    i = page.lines.index(line)
    trees = shipped("tagline")
    if trees is not None:  # the learned ranker; the rules below where it is absent
        found = rank_tagline(page, i, name.pick.text, trees)
        return Choice(found[0].pick, found[1]) if found and found[1] >= trees.absent_below else None
    in_nav = page.rows[i] >= 3 and page.sizes[i] < 1.5  # a wordmark among links
    picked = hero(page) if in_nav else find_tagline(page, Pick(line.text, [line]))
    if picked:
        return Choice(picked, TAGLINE_CONFIDENCE)
    split = split_heading(line.text)
    if split and squash(split[0]) == squash(name.pick.text):
        return Choice(Pick(split[1], [line]), TAGLINE_CONFIDENCE)
    return None


def hero(page: Page) -> Pick | None:
    """The largest slogan in the first screenful (several words, not a name), with the lines it wraps onto."""
    width = page.size[0]
    slogans = [(size, i) for i, (ln, size) in enumerate(zip(page.lines, page.sizes, strict=False))
               if width * 0.06 < ln.box[1] < width * 0.6 and size >= 1.4 and len(ln.text.split()) >= 3
               and not name_like(ln.text) and not PRICE_RE.search(ln.text)]
    if not slogans:
        return None
    _, i = max(slogans)
    block = wrapped(page.lines[i:])
    text = " ".join(ln.text.strip() for ln in block)
    return Pick(text, block) if is_pitch(text) else None


def doubtful(facts) -> str | None:
    """Why the rules' product name may be wrong, in a known failure kind; None when nothing says so.

    A model's reading of the name may overrule the rules' only then (`backends/vlm.py`)."""
    name = facts.name or ""
    if not name:
        return "no name"
    if is_nav(name):
        return "a nav item"
    if common_share(name) >= 0.5:
        return "a section heading"
    if BADGE.match(name):
        return "a badge"
    if facts.confidence.get("name", 1.0) < DOUBT_BELOW:
        return "an unsure pick"
    return None


BADGE = re.compile(r"^(?:license|build|version|release|downloads?|stars?|docs|coverage|pypi|npm|ci)\b", re.IGNORECASE)
DOUBT_BELOW = 0.5  # a name whose layout share is under this is right about 40% of the time on the corpus
