"""Which page lines may support a criterion: a line's role on the page (`assistant/page/roles.py`) and its length
decide what it can prove.

A nav item or a lone button ("Log in") proves nothing; a dated feed item ("Team sync · 2 May") is not a buyer; a
plan's bullet ("✓ Admin & SSO") is not a technical decision. Criteria say which roles count and how much text
they need (`roles` and `support` in the rubric TOML); a match only in weaker lines is unknown, not a weak quote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from .datamodel import ROLES, Evidence, OcrLine, Role
from .page.geometry import continues
from .page.lexicon import ACTION_RE, is_nav
from .page.roles import ARROWS, DATE

__all__ = ["ROLES", "Role", "foreign_install", "nav_row", "substantive", "supports", "whole_clause", "wrapped_pairs"]
_WORDS = {"phrase": 3, "sentence": 5}


def supports(text: str, level: str) -> bool:
    """Whether a page line's text is enough to prove a criterion at `level`: not a nav item, a short button or a
    dated feed item, and long enough ('Log in' proves nothing)."""
    words = text.strip(ARROWS).split()
    if is_nav(text) or nav_row(text) or (len(words) <= 3 and ACTION_RE.match(text)):
        return False
    if DATE.search(text) and len(words) <= 6:
        return False
    if level != "any" and _VERSION.search(text):  # 'Cursor 2.0': a release, however short the line
        return True
    return len(words) >= _WORDS.get(level, 1) and (level == "any" or substantive(text))


def nav_row(text: str) -> bool:
    """A header's links read as one line ('Features Editor Templates', 'Pricing Docs Blog'): three to eight
    capitalised words with no punctuation, led by a navigation word. Its 'Editor' names a menu, not the product's
    primitive; two words ('Code Editor') may be a heading and stay one."""
    words = text.split()
    return (3 <= len(words) <= 8 and is_nav(words[0]) and not re.search(r"[^\w\s&'’-]", text)
            and all(w[:1].isupper() for w in words))


# A line that states a fact by itself however short: a price, a version, a command, a license.
_FACT_ITSELF = re.compile(r"[$€£¥₹]\s?\d|\d\s?(?:USD|EUR)\b|\bv?\d+\.\d+|^\s*[$>#]\s|pip install|npm (?:i|install)|"
                          r"brew install|docker (?:run|pull)|curl |^from \w+ import|\b(?:MIT|Apache|GPL|BSD)\b", re.IGNORECASE)
_VERSION = re.compile(r"(?<![$€£¥₹\d.,])\bv?\d+\.\d+(?:\.\d+)*\b(?!\s?(?:%|x\b|/|[KMB]\b))")
_SMALL = frozenset(["a", "an", "the", "of", "to", "for", "with", "and", "or", "in", "on", "by", "from", "your", "our", "at", "as", "is"])


def substantive(text: str) -> bool:
    """Whether a line can carry a reviewer's claim: not a section heading ('Inside the Architecture', 'Rate Limit',
    'Getting Started'), a lone name or a tag ('Free plan' proves a price, not a shipped product). A price, a version,
    a command or a license is a fact in itself, however short."""
    if _FACT_ITSELF.search(text) or re.match(r"\s*[✓✔+•*·-]", text):  # a bullet is content, not a heading
        return True
    words = re.findall(r"[^\W_][\w'’.+-]*", text)
    if len(words) < 3:
        return False
    heading = "," not in text and len(words) <= 5 and not text.rstrip().endswith((".", "!", "?", ":")) and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in _SMALL for w in words)
    return not heading


_INSTALL = re.compile(r"(?:pip3? install|python -m pip install|uv (?:add|pip install)|npm (?:i|install)|yarn add|"
                      r"pnpm add|brew install|cargo (?:add|install)|gem install|go install)\s+(?:-{1,2}\S+\s+)*"
                      r"([A-Za-z0-9@][\w@/.\[\]-]*)", re.IGNORECASE)


def foreign_install(text: str, name: str | None) -> bool:
    """An install command for another package ('python -m pip install rich' on a page about another product): no
    evidence about this product. A package that shares the name's letters ('pip install docling' for Docling,
    'npm i @continuedev/cli' for Continue) is its own."""
    m = _INSTALL.search(text)
    if not m or not name:
        return False
    package = re.sub(r"[^a-z0-9]", "", m.group(1).split("[")[0].rsplit("/", 1)[-1].lower())
    product = re.sub(r"[^a-z0-9]", "", name.lower())
    scope = re.sub(r"[^a-z0-9]", "", m.group(1).lower())
    if not package or not product:
        return False
    return not (package in product or product in package or product[:4] in scope)


_DANGLING = re.compile(r"\b(?:per|of|to|and|or|the|a|an|for|with|your|our|its|in|on|at|by|from|that|than|as|into|"
                       r"across|up|over|under|via)$", re.IGNORECASE)


def whole_clause(line: OcrLine, lines: Sequence[OcrLine]) -> Evidence:
    """The quote of `line`, with the next line of its paragraph when the line breaks off on a word that needs it
    ('Up to 200,000 visits per' + 'month'): a reader accepts a clause, not its first half."""
    ev = line.evidence()
    if not _DANGLING.search(line.text.rstrip()):
        return ev
    i = next((k for k, ln in enumerate(lines) if ln is line), None)
    # reading order goes row by row, so a column's next line may come after the next column's line of this row
    nxt = next((ln for ln in lines[i + 1 : i + 4] if ln.image == line.image and continues(line, ln)),
               None) if i is not None else None
    if nxt is None:
        return ev
    box = (min(line.box[0], nxt.box[0]), min(line.box[1], nxt.box[1]), max(line.box[2], nxt.box[2]),
           max(line.box[3], nxt.box[3]))
    return Evidence(text=f"{ev.text} {nxt.evidence().text}", image=line.image, box=box,
                    confidence=min(ev.confidence, round(nxt.confidence, 4)))


def wrapped_pairs(lines: Sequence[OcrLine]) -> list[tuple[OcrLine, OcrLine]]:
    """(joined, first) for each line joined to the next line of its paragraph ('...that run directly on your' +
    'phone.'): a phrase broken by a wrap is still read, and cited on the line where it starts."""
    return [(replace(a, text=f"{a.text.rstrip()} {b.text.lstrip()}"), a)
            for a, b in pairwise(lines) if a.image == b.image and continues(a, b)]
