"""A screenshot once loaded and read: the decoded image, its OCR lines, and its Page (what the stages in
`assistant/page/` found in them, built once and then only read). Plain data, no engine."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .facts import Box, Evidence

if TYPE_CHECKING:
    from PIL import Image


@dataclass(frozen=True)
class LoadedImage:
    """One decoded screenshot.

    `name` is what the card cites (the file name the person gave); `path` is where its bytes can be read
    again, which may be another file (the history's copy) or None for an image that exists only in memory.
    """

    name: str
    image: Image.Image  # RGB, upright
    sha256: str
    path: Path | None = None


@dataclass(frozen=True)
class Dom:
    """What a captured page's DOM says of one line that its pixels do not (`assistant/capture/dom.py`): untrusted
    like the text, but laid out by the browser, not guessed from boxes.

    `font_px`: its computed CSS font size (the largest of its words); `weight`: its CSS font weight; `heading`: 1-6
    for a line inside <h1>-<h6> (or role=heading), 0 outside; `chrome`: inside nav, header, footer, aside or their
    ARIA roles; `control`: inside a link, a button or a form control; `price`: inside an element marked up as a
    price (itemprop=price, an Offer's microdata); `table_row`: which <tr> of the page holds it (numbered from 1; 0
    outside a table), `table_col`: its cell's index in that row (-1 outside a table), `table`: which <table>
    (numbered from 1; 0 outside one)."""

    font_px: float = 0.0
    weight: int = 400
    heading: int = 0
    chrome: bool = False
    control: bool = False
    price: bool = False
    table_row: int = 0
    table_col: int = -1
    table: int = 0


@dataclass(frozen=True)
class OcrLine:
    text: str
    box: Box  # axis-aligned [x0, y0, x1, y1]
    confidence: float
    image: str
    dom: Dom | None = None  # a captured page's line only: what its DOM says (OCR has no such thing)

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]

    @property
    def width(self) -> float:
        return self.box[2] - self.box[0]

    def evidence(self, text: str | None = None) -> Evidence:
        return Evidence(text=text or as_quoted(self.text), image=self.image, box=self.box,
                        confidence=round(self.confidence, 4))


# A dotted background (drawDB's grid) puts a dot in a gap between words, and OCR reads it as a period: 'intuitive.
# database design tool. and SQL'. A line in sentence case does not go on in lower case after a full stop, so a quote
# drops such a period (abbreviations keep theirs: 'etc. and'; an all-lower-case slogan, 'your data. your choice.',
# is written that way). Only the quote: the line itself stays as read, for the readers that rank it.
_STRAY_DOT = re.compile(r"\b([a-z]{3,})\. (?=[a-z]+\b)")
_ABBREVIATIONS = frozenset(["etc", "approx", "incl", "excl", "min", "max", "sec", "est", "resp", "ibid", "viz"])


def as_quoted(text: str) -> str:
    """A line's text as a card quotes it: the page's words, without periods a dotted background put between them."""
    if not text[:1].isupper():
        return text
    return _STRAY_DOT.sub(lambda m: m.group(0) if m.group(1) in _ABBREVIATIONS else f"{m.group(1)} ", text)


@dataclass(frozen=True)
class PageMeta:
    """What a captured page says about itself outside its visible text: untrusted, like the page.

    `offers`: (name, price, currency) per JSON-LD Product/SoftwareApplication/Offer, any of them None."""

    title: str | None = None
    site_name: str | None = None
    og_title: str | None = None
    og_description: str | None = None
    canonical: str | None = None
    offers: tuple[tuple[str | None, str | None, str | None], ...] = ()

    def names(self) -> list[str]:
        """The product names the metadata gives, most specific first (JSON-LD, og:site_name, og:title, title)."""
        found = [n for n, _, _ in self.offers if n] + [t for t in (self.site_name, self.og_title, self.title) if t]
        return list(dict.fromkeys(t.strip() for t in found if t.strip()))


@dataclass(frozen=True)
class Captured:
    """How a screenshot was captured from a URL (`assistant/capture/`): where, when, and what the card must say.

    `cut_at`: the screenshot stops at this many CSS px of a page `full_height` tall; None when it is whole.
    `banner`: 'dismissed', 'covers' (a consent banner left over the content) or None (none seen)."""

    url: str
    captured_at: str
    meta: PageMeta = field(default_factory=PageMeta)
    cut_at: int | None = None
    full_height: int = 0
    banner: str | None = None


@dataclass
class Screen:
    """One screenshot and what was read on it (for a captured page: its text as the browser laid it out)."""

    loaded: LoadedImage
    lines: list[OcrLine] = field(default_factory=list)
    capture: Captured | None = None
    page: Page | None = field(default=None, repr=False, compare=False)  # built once by `assistant.page.page_of`

    @property
    def name(self) -> str:
        return self.loaded.name

    @property
    def size(self) -> tuple[int, int]:
        return self.loaded.image.size

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


# What a line is for, as a person reads the page. The judge counts coarse roles (`COARSE`): chrome proves
# nothing, hero is the product's own pitch, tier is a price card, body is the rest.
Role = Literal["chrome", "hero", "tier", "body"]
ROLES: tuple[Role, ...] = ("chrome", "hero", "tier", "body")
PageKind = Literal["comparison", "pricing", "hub", "card", "app", "page"]


@dataclass(frozen=True)
class Versus:
    """An 'A vs B' page: the heading's two names and, per name (squashed), the lines of its column."""

    heading: int
    columns: dict[str, frozenset[int]]

    def rival_of(self, key: str) -> frozenset[int]:
        """The lines of every column but `key`'s; nothing when `key` is not one of the page's two names."""
        if key not in self.columns:
            return frozenset()
        return frozenset(i for name, idx in self.columns.items() if name != key for i in idx)


@dataclass
class Page:
    """One screenshot, read: its lines (page text addressed to a model set aside) and what stages found in them.

    Every list indexed like `lines`. Sizes are type sizes relative to the page's body text; rows count the lines
    sharing each line's row (a nav band has many)."""

    screen: Screen
    lines: list[OcrLine]
    quarantined: list[OcrLine] = field(default_factory=list)
    sizes: list[float] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    versus: Versus | None = None
    kind: PageKind = "page"

    @property
    def name(self) -> str:
        return self.screen.name

    @property
    def size(self) -> tuple[int, int]:
        return self.screen.size
