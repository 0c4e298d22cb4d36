"""Roles stage: what each line is for, read from the layout of its screenshot.

- chrome: navigation, buttons, footers, cookie banners, lone words, a host site's own bars, a newsletter box;
- hero: large type in the upper part of the page (the product's name and pitch);
- tier: a price card (a price, a plan name, the plan's feature bullets in the same column);
- body: the rest (feature copy, README and model-card text).

A rule that tells one more kind of chrome apart (a new page family's bar, say) is one entry here.
"""

from __future__ import annotations

import re
from statistics import median

from ..datamodel import OcrLine, Page, Role
from .geometry import centre_x
from .lexicon import ACTION_RE, is_nav, priced

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
DATE = re.compile(rf"\b\d{{1,2}}\s+{_MONTH}(?:\s|$)|\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b(?:yesterday|today|"
                   r"\d+\s*(?:min|h|d)\s+ago)\b", re.IGNORECASE)
_BANNER = re.compile(r"\bcookies?\b|\bconsent\b|accept all|privacy preferences", re.IGNORECASE)
_SEARCH = re.compile(r"^(?:search|find)\b.{0,40}(?:\.\.\.|…)?$", re.IGNORECASE)  # a search box's placeholder
_CRUMBS = re.compile(r"^home\b(?:\s+\S+){1,7}$", re.IGNORECASE)  # a breadcrumb trail: 'Home  AI Agents  Browser automation'
_RELEASE = re.compile(r"launch|release", re.IGNORECASE)  # 'Launched today' is news about the product, not a feed item
_NEWSLETTER = re.compile(r"newsletter|\bdigest\b|in your inbox", re.IGNORECASE)
_SUBSCRIBE = re.compile(r"^subscribe\b", re.IGNORECASE)
ARROWS = " →>›↗↓"
BAND = 0.09  # the top (nav) and bottom (footer) share of a screenshot where a row of short items is chrome
HERO_SIZE = 1.3  # type this much larger than the page's body text, in the upper half, is the hero
CARD_GAP = 3.0  # body-line heights of space that end a price card


def assign(page: Page) -> Page:
    page.roles = line_roles(page.lines, page.sizes, page.rows)
    return page


def line_roles(lines: list[OcrLine], sizes: list[float], rows: list[int]) -> list[Role]:
    """Each line's role on its screenshot."""
    if not lines:
        return []
    top = min(ln.box[1] for ln in lines)
    bottom = max(ln.box[3] for ln in lines)
    span = max(1.0, bottom - top)
    body_h = median(ln.height for ln in lines)
    prices = [ln for ln in lines if priced(ln.text)]
    cards = _cards(lines, prices, body_h) if len(prices) >= 2 else set()
    signup = _signup_box(lines, body_h)
    found: list[Role] = []
    for i, (ln, size, row) in enumerate(zip(lines, sizes, rows, strict=True)):
        at = (ln.box[1] - top) / span
        if _control(ln.text, at) or i in signup or (ln.dom is not None and ln.dom.chrome):
            found.append("chrome")
        elif i in cards:
            found.append("tier")
        elif _minor(lines, i, row, at, (bottom - ln.box[3]) / span, size):
            found.append("chrome")
        elif size >= HERO_SIZE and at < 0.5:
            found.append("hero")
        else:
            found.append("body")
    return found


def _signup_box(lines: list[OcrLine], body_h: float) -> set[int]:
    """A newsletter box ('GET THE WEEKLY DIGEST' / 'The best new AI tools, every Friday.' / 'Subscribe'): the host's
    pitch for itself, not the product's. The lines that name it, and those just above its Subscribe button."""
    found = {i for i, ln in enumerate(lines) if _NEWSLETTER.search(ln.text)}
    for b in (ln for ln in lines if _SUBSCRIBE.match(ln.text.strip())):
        found |= {i for i, ln in enumerate(lines) if 0 <= b.box[1] - ln.box[3] < 4 * body_h
                  and min(ln.box[2], b.box[2]) > max(ln.box[0], b.box[0])}
    return found


def _control(text: str, from_top: float) -> bool:
    """Navigation, a button, a cookie banner; a nav bar read as one line ('Platform · Docs · Pricing')."""
    words = text.strip(ARROWS).split()
    if is_nav(text) or (len(words) <= 3 and ACTION_RE.match(text)) or _BANNER.search(text):
        return True
    if _SEARCH.match(text) or _CRUMBS.match(text) or (DATE.search(text) and len(words) <= 6 and not _RELEASE.search(text)):  # a search box; a dated feed item
        return True
    parts = [p for p in re.split(r"\s*[·|•]\s*", text) if p]
    if len(parts) >= 3 and sum(map(is_nav, parts)) >= 2 and all(len(p.split()) <= 2 for p in parts):
        return True
    return from_top < BAND and len(words) <= 6 and sum(is_nav(w) for w in words) >= 2  # nav links read as one line


def _minor(lines: list[OcrLine], i: int, row: int, from_top: float, from_bottom: float, size: float) -> bool:
    """A lone word (a tag, a tab, a logo; not the end of a wrapped sentence, not code), or a short item in a row of
    them in the nav band, or in the footer band with no copy under it."""
    text = lines[i].text.strip()
    words = text.split()
    if len(words) == 1 and size < HERO_SIZE and not priced(text) and not _CONTINUES.search(text):
        return True
    if len(words) > 3 or row < 3:
        return False
    return from_top < BAND or (from_bottom < BAND and not _text_below(lines, i))


_CONTINUES = re.compile(r"[.,;:)\]}(=]")


def _text_below(lines: list[OcrLine], i: int) -> bool:
    """A sentence under this line in its column: a feature heading over its copy, not a footer link."""
    ln = lines[i]
    return any(len(o.text.split()) >= 4 and 0 <= o.box[1] - ln.box[3] < 3 * ln.height
               and min(ln.box[2], o.box[2]) > max(ln.box[0], o.box[0]) for o in lines)


def _cards(lines: list[OcrLine], prices: list[OcrLine], body_h: float) -> set[int]:
    """Indexes of the lines in price cards: each price, the plan name just above it, and the lines below it in its
    column while they run on without a gap (a full-width sentence under the cards is not in them)."""
    width = max(ln.box[2] for ln in lines) - min(ln.box[0] for ln in lines)
    found: set[int] = set()
    for p in prices:
        beside = [abs(q.box[0] - p.box[0]) for q in prices if q is not p and abs(q.box[1] - p.box[1]) < body_h]
        pitch = min([d for d in beside if d > 0] or [width / 3])
        col = sorted((i for i, ln in enumerate(lines) if ln is p or (ln.width <= 1.1 * pitch
                                                                      and abs(centre_x(ln) - centre_x(p)) < pitch / 2)),
                     key=lambda i: lines[i].box[1])
        at = next(k for k, i in enumerate(col) if lines[i] is p)
        found.add(col[at])
        edge = p.box[3]
        for i in col[at + 1:]:
            if lines[i].box[1] - edge > CARD_GAP * body_h:
                break
            found.add(i)
            edge = max(edge, lines[i].box[3])
        edge = p.box[1]
        for i in col[max(0, at - 2):at][::-1]:  # the plan's name and its line of description
            if edge - lines[i].box[3] > 1.5 * body_h:
                break
            found.add(i)
            edge = lines[i].box[1]
    return found
