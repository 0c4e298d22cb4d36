"""Which page lines may support a criterion: a line's role on the page (`assistant/page/roles.py`) and its length
decide what it can prove.

A nav item or a lone button ("Log in") proves nothing; a dated feed item ("Team sync · 2 May") is not a buyer; a
plan's bullet ("✓ Admin & SSO") is not a technical decision. Criteria say which roles count and how much text
they need (`roles` and `support` in the rubric TOML); a match only in weaker lines is unknown, not a weak quote.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from .datamodel import ROLES, OcrLine, Role
from .page.geometry import continues
from .page.lexicon import ACTION_RE, is_nav
from .page.roles import ARROWS, DATE

__all__ = ["ROLES", "Role", "supports", "wrapped_pairs"]
_WORDS = {"phrase": 3, "sentence": 5}


def supports(text: str, level: str) -> bool:
    """Whether a page line's text is enough to prove a criterion at `level`: not a nav item, a short button or a
    dated feed item, and long enough ('Log in' proves nothing)."""
    words = text.strip(ARROWS).split()
    if is_nav(text) or (len(words) <= 3 and ACTION_RE.match(text)):
        return False
    if DATE.search(text) and len(words) <= 6:
        return False
    return len(words) >= _WORDS.get(level, 1)


def wrapped_pairs(lines: Sequence[OcrLine]) -> list[tuple[OcrLine, OcrLine]]:
    """(joined, first) for each line joined to the next line of its paragraph ('...that run directly on your' +
    'phone.'): a phrase broken by a wrap is still read, and cited on the line where it starts."""
    return [(replace(a, text=f"{a.text.rstrip()} {b.text.lstrip()}"), a)
            for a, b in pairwise(lines) if a.image == b.image and continues(a, b)]
