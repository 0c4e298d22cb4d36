"""How a page speaks of a name elsewhere: '© X', a domain, 'X is a…', 'Welcome to X', 'Model card for X', the
same name repeated in other lines; and how common its words are in ordinary English. These are features of a
name candidate (`identity.NAME_FEATURES`), read from the Page once per screenshot."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..datamodel import Page
from ..page.lexicon import squash
from ..page.words import RARE, word_freqs

COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?P<x>[^.,|]{2,40})", re.IGNORECASE)
DOMAIN = re.compile(r"\b(?:https?://)?(?:www\.)?(?P<x>[a-z0-9-]{2,40})\.(?:com|ai|io|dev|app|org|net|co|sh|so|gg|me|"
                    r"tech|xyz|cloud|run|chat|tools?|site|page|studio|systems)\b", re.IGNORECASE)
REPO = re.compile(r"(?:github\.com|huggingface\.co|gitlab\.com)/[\w.-]+/(?P<x>[\w.-]+)", re.IGNORECASE)
# phrases that name the product they sit in: 'Welcome to X', 'Sign up for X', 'Download X', 'X is an open-source…'
INVITE = re.compile(r"\b(?:welcome to|sign (?:up|in) (?:for|to)|log ?in to|download|install|try|get started with|"
                    r"thanks? (?:you )?for (?:using|choosing)|about|introducing|meet|model card (?:for|of)|"
                    r"support|upgrade to|open)\s+(?P<x>[\w][\w .+-]{1,40})", re.IGNORECASE)
IS_A = re.compile(r"^(?P<x>[\w][\w .+-]{1,40}?)\s+(?:is|are)\s+(?:a|an|the|your|our)\b", re.IGNORECASE)
POWERED = re.compile(r"\b(?:powered by|built (?:with|on)|made with|runs on|using|via|for)\s+(?P<x>[\w][\w .+-]{1,40})",
                     re.IGNORECASE)
MENTION_FEATURES = {"copyright": +1, "domain": +1, "invite": +1, "is_a": +1, "powered": -1, "mentions": +1,
                    "zipf_min": -1, "zipf_mean": 0, "rare_words": +1}


@dataclass
class Mentions:
    """Per page: the squashed phrases each kind of mention names, and every line squashed."""

    copyright: list[str]
    domain: list[str]
    invite: list[str]
    is_a: list[str]
    powered: list[str]
    lines: list[str]

    @classmethod
    def of(cls, page: Page) -> Mentions:
        texts = [ln.text.strip() for ln in page.lines]

        def grab(pattern: re.Pattern, search: bool = True) -> list[str]:
            found = (pattern.finditer(t) if search else [m for m in [pattern.match(t)] if m] for t in texts)
            return [squash(m.group("x")) for ms in found for m in ms if squash(m.group("x"))]

        return cls(copyright=grab(COPYRIGHT), domain=grab(DOMAIN) + grab(REPO), invite=grab(INVITE) + meta_names(page),
                   is_a=grab(IS_A, search=False), powered=grab(POWERED), lines=[squash(t) for t in texts])

    def features(self, text: str, line: int) -> list[float]:
        """`MENTION_FEATURES` of one candidate read on line `line`."""
        key = squash(text)
        if len(key) < 2:
            return [0.0] * len(MENTION_FEATURES)
        freqs = word_freqs(text) or [0.0]
        return [
            float(any(p.startswith(key) for p in self.copyright)),
            float(any(p == key or (p.startswith(key) and len(key) >= 4) for p in self.domain)),
            float(any(p.startswith(key) for p in self.invite)),
            float(any(p == key for p in self.is_a)),
            float(any(p.startswith(key) for p in self.powered)),
            float(min(sum(1 for j, t in enumerate(self.lines) if j != line and key in t), 10)),
            min(freqs), sum(freqs) / len(freqs), float(sum(f < RARE for f in freqs)),
        ]


def meta_names(page: Page) -> list[str]:
    """A captured page's metadata naming its product, squashed: the JSON-LD Product's name and the first part of
    its title ('Phi-3.5 · Hugging Face' -> 'Phi-3.5'), as 'Welcome to X' names it. og:site_name and the title's
    later parts are left out: they are as often the host (a model hub, a store) as the product. Only a candidate
    read in the visible text can match one, so metadata raises a name the page shows, never one it does not."""
    capture = page.screen.capture
    if capture is None:
        return []
    from ..capture.notes import parts

    meta = capture.meta
    firsts = [parts(t)[0].rsplit("/", 1)[-1] for t in (meta.og_title, meta.title) if t and parts(t)]  # org/repo: repo
    named = [n for n, _, _ in meta.offers if n] + firsts
    return [squash(n) for n in named if len(squash(n)) >= 2]
