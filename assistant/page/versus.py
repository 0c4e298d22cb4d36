"""Versus stage: on an 'A vs B' page, which lines are in whose column. A comparison's half about B proves nothing
about A, for its facts and for its reviews."""

from __future__ import annotations

import re

from ..datamodel import Page, Versus
from .geometry import centre_x
from .lexicon import squash

VERSUS = re.compile(r"^(?P<x>.+?)\s+(?:vs\.?|versus)\s+(?P<y>.+)$", re.IGNORECASE)


def find_versus(page: Page) -> Page:
    """The first 'A vs B' heading, where its two names also head two columns below it (a tab title or a link
    'A vs B' without such columns says nothing of whose lines are whose)."""
    lines = page.lines
    for h, ln in enumerate(lines):
        m = VERSUS.match(ln.text.strip())
        if not m:
            continue
        # B ends where a subtitle starts: 'Le Chat vs ChatGPT: plans and prices compared' heads 'Le Chat', 'ChatGPT'
        a, b = squash(m["x"]), squash(re.split(r"\s*[:|—–]\s*|\s-\s", m["y"], maxsplit=1)[0])
        head_a = next((o for o in lines if squash(o.text) == a and o.box[1] > ln.box[1]), None)
        head_b = next((o for o in lines if squash(o.text) == b and o.box[1] > ln.box[1]), None)
        if head_a is None or head_b is None or a == b:
            return page
        pitch = abs(centre_x(head_b) - centre_x(head_a))
        below = [i for i, o in enumerate(lines) if o.box[1] >= min(head_a.box[1], head_b.box[1]) - 2 and o.width < pitch]
        # a column runs from its head's left edge to the next one's: a price set far right in its row ('Free ...
        # $0/month') is still the left product's, though its centre is nearer the right head
        left, right = sorted((head_a, head_b), key=lambda o: o.box[0])
        edge = right.box[0] - 0.25 * max(right.box[0] - left.box[0], 1.0)
        on_right = frozenset(i for i in below if lines[i].box[0] >= edge)
        on_left = frozenset(below) - on_right
        nearer_a, nearer_b = (on_left, on_right) if left is head_a else (on_right, on_left)
        page.versus = Versus(heading=h, columns={a: nearer_a, b: nearer_b})
        return page
    return page


def rival_lines(page: Page, name: str | None) -> frozenset[int]:
    """Indexes of the lines in the other product's column, on an 'A vs B' page naming `name`; else none."""
    return page.versus.rival_of(squash(name)) if page.versus and name else frozenset()


def own_lines(page: Page, name: str | None) -> list:
    """The page's lines less the other product's column."""
    rival = rival_lines(page, name)
    return [ln for i, ln in enumerate(page.lines) if i not in rival] if rival else page.lines


RELATED = re.compile(r"^(?:related(?: tools| products| apps)?|similar(?: tools| products| apps)?|(?:top |\S+ )?"
                     r"alternatives?(?: to .{1,40})?|you (?:might|may) also like|see also|more like this)$", re.IGNORECASE)


def related_lines(page: Page) -> frozenset[int]:
    """Indexes of the lines under a 'Related tools' or 'X Alternatives' heading, in its column: other products'
    names and one-liners ('SmolVLM2-2B / Open-source VLM for phones' beside Cursor's page), which prove nothing
    about this one. The list ends at the next heading in capitals or after a screen's height."""
    out: set[int] = set()
    lines = page.lines
    for h, head in enumerate(lines):
        if not RELATED.match(head.text.strip()):
            continue
        column = [i for i, ln in enumerate(lines) if i != h and 0 <= ln.box[1] - head.box[3] + 2 <= 600
                  and head.box[0] - 30 <= ln.box[0] <= head.box[0] + 0.6 * head.width + 60]
        # 'GET THE WEEKLY DIGEST': the sidebar's next box starts at a heading in capitals
        stop = min((lines[i].box[1] for i in column if lines[i].text.isupper() and len(lines[i].text.split()) >= 2),
                   default=float("inf"))
        out.update(i for i in column if lines[i].box[1] < stop)
    return frozenset(out)
