"""Name candidates: every reading of every line of a Page, read the way people title pages: the line itself; the
left part of a split heading ('Name - slogan'); the model part of a hub path ('org / model'); the product in
'<X> pricing', 'Introducing <X>', 'Model card for <X>'; either side of '<X> vs <Y>'; and what OCR splits or glues:
a headline on two lines, a heading read as two boxes side by side, letter-spaced type, a glued version, an aside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from ..datamodel import Page
from ..page.geometry import boxes, overlap_x
from ..page.lexicon import PRICE_RE, split_heading, squash
from ..page.versus import VERSUS

TRIM = "|·•-–—:;,._ \u2122\u00ae"
SUFFIX = re.compile(r"^(?P<x>.+?)\s+(?:pricing|plans?(?:\s*(?:&|and)\s*pricing)?|prices|docs|documentation|overview|"
                    r"reviews?|release notes|changelog|model card)$", re.IGNORECASE)
PREFIX = re.compile(r"^(?:introducing|announcing|meet|welcome to|model card for|about|(?:plans|pricing) for)\s+(?P<x>.+)$",
                    re.IGNORECASE)
GLYPH = re.compile(r"^(?:\S\s+|[Il|]{2,}(?=[A-Z]))(?P<x>[A-Z].{1,40})$")  # a logo icon read as a letter or bars
HUB_PATH = re.compile(r"^[\w.-]+\s*/\s*[\w.-]+$")  # owner / repo, org / model
TRANSFORMS = ("line", "split", "path", "suffix", "prefix", "versus-first", "versus-second", "glyph", "merged", "spaced",
              "unversioned", "bare", "joined")
ASIDE = re.compile(r"^(?P<x>.+?)\s*(?:\([^)]*\)|\[[^\]]*\])$")  # 'Cline (Nightly)', 'Foo [beta]': the name before it
SPACED = re.compile(r"^(?:[A-Za-z0-9] ){3,}[A-Za-z0-9]$")  # letter-spaced type read a letter at a time: 'T Y P E'
VERSIONED = re.compile(r"^(?P<x>.*[A-Za-z])v?\d+(?:\.\d+)+$")  # 'Haystack3.0': a version OCR glued on (with a space
# the version is the name's own: 'MiniCPM-V 4.6')
MODEL_SIZE = re.compile(r"^\d+(?:\.\d+)?\s?[BMK]$")  # '1.3B' set beside a model's name: part of it


@dataclass
class Candidate:
    text: str
    line: int  # index into page.lines
    transform: str


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(TRIM)


def readings(text: str) -> list[tuple[str, str]]:
    """(candidate name, transform) for one line of text."""
    text = clean(text)
    glyph = GLYPH.match(text)
    out = [(clean(glyph.group("x")), "glyph")] if glyph else []
    if not glyph or (text[:1].isalpha() and text[1:2] == " "):  # 'A Team' is a name; '© Foo' and 'IIIIFoo' are not
        out.append((text, "line"))
    split = split_heading(text)
    if split:
        out.append((clean(split[0]), "split"))
    if HUB_PATH.match(text):
        out.append((clean(text.rsplit("/", 1)[1]), "path"))
    for pattern, kind in ((SUFFIX, "suffix"), (PREFIX, "prefix")):
        m = pattern.match(text)
        if m:
            out.append((clean(m.group("x")), kind))
    m = VERSUS.match(text)
    if m:
        out += [(clean(m.group("x")), "versus-first"), (clean(m.group("y")), "versus-second")]
    if SPACED.match(text):
        out.append((text.replace(" ", ""), "spaced"))
    m = VERSIONED.match(text)
    if m and len(squash(m.group("x"))) >= 3:
        out.append((clean(m.group("x")), "unversioned"))
    m = ASIDE.match(text)
    if m and len(squash(m.group("x"))) >= 2:
        out.append((clean(m.group("x")), "bare"))
    return [(t, k) for t, k in out if len(squash(t)) >= 2 and len(t.split()) <= 8]


def candidates(page: Page) -> list[Candidate]:
    """Every reading of every line that is not a price, and two-line headlines read as one."""
    found = [Candidate(text, i, kind) for i, ln in enumerate(page.lines) if not PRICE_RE.search(ln.text)
             for text, kind in readings(ln.text)]
    return found + [Candidate(text, i, "merged") for i, text in _stacked(page)] + [
        Candidate(text, i, "joined") for i, text in _side_by_side(page)]


def _side_by_side(page: Page) -> list[tuple[int, str]]:
    """Words of one heading that OCR read as separate boxes on one row ('AI Photo' + 'Restorer'): the same size,
    a word's gap apart; read as one name, placed on the left box."""
    if not page.lines:
        return []
    box = boxes(page.lines)
    h, mid = box[:, 3] - box[:, 1], (box[:, 1] + box[:, 3]) / 2
    sized = np.array([bool(MODEL_SIZE.match(ln.text.strip())) for ln in page.lines])
    gap = box[None, :, 0] - box[:, None, 2]  # [a, o]: o's left edge past a's right edge
    beside = ((np.abs(mid[None, :] - mid[:, None]) < 0.35 * h[:, None])
              & ((np.abs(h[None, :] - h[:, None]) < 0.2 * h[:, None]) | sized[None, :])
              & (gap >= -0.5 * h[:, None]) & (gap < 1.2 * h[:, None]))
    np.fill_diagonal(beside, False)
    out = []
    for i, a in enumerate(page.lines):
        right = np.flatnonzero(beside[i])
        if right.size:
            o = page.lines[int(right[np.argmin(box[right, 0])])]
            if len(a.text.split()) + len(o.text.split()) <= 5:
                out.append((i, clean(f"{a.text} {o.text}")))
    return out


def _stacked(page: Page) -> list[tuple[int, str]]:
    """A short heading set on two lines of the same size, one right under the other ('Hidden' / 'Bar'): the two
    read as one name, placed on the first line."""
    out = []
    lines = page.lines
    for i, (a, b) in enumerate(pairwise(lines)):
        gap = b.box[1] - a.box[3]
        same = abs(a.height - b.height) < 0.35 * a.height and -0.3 * a.height <= gap < 0.8 * a.height
        if same and overlap_x(a, b) > 0.3 * min(a.width, b.width) and len(a.text.split()) + len(b.text.split()) <= 4:
            out.append((i, clean(f"{a.text} {b.text}")))
    return out
