"""A screenshot as every reader sees it: built once by the stages in `assistant/page/`, then only read.

The extractor, the judge and its evidence check, and the engines read these public fields; none of them
re-derives what a stage computed. See docs/architecture.md for the stages and where a new rule goes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .screens import OcrLine, Screen

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
