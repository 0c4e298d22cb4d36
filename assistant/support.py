"""Which page lines may support a criterion: a line's role on the page and its length decide what it can prove.

A nav item or a lone button ("Log in") proves nothing; a dated feed item ("Team sync · 2 May") is not a
buyer. Criteria say how much they need (`support` in the rubric TOML); a match only in weaker lines is unknown.
"""

from __future__ import annotations

import re

from .extract.layout import ACTION_RE, is_nav

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(rf"\b\d{{1,2}}\s+{_MONTH}(?:\s|$)|\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b(?:yesterday|today|"
                   r"\d+\s*(?:min|h|d)\s+ago)\b", re.IGNORECASE)
_WORDS = {"phrase": 3, "sentence": 5}


def supports(text: str, level: str) -> bool:
    """Whether a page line is enough to prove a criterion at `level`: not chrome (a nav item, a short button, a
    dated feed item such as 'Team sync · 2 May'), and long enough ('Log in' proves nothing)."""
    words = text.split()
    if is_nav(text) or (len(words) <= 3 and ACTION_RE.match(text)):
        return False
    if _DATE.search(text) and len(words) <= 6:
        return False
    return len(words) >= _WORDS.get(level, 1)
