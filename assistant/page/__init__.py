"""One `Page` per screenshot, enriched by stages in order; every reader (the extractor, the judge, the engines,
chat) reads the Page and none re-derives what a stage found.

A stage is a function `Page -> Page` in a module of its own. A rule for a new page family is one stage added to
`STAGES`, or one entry in the module of the stage it refines (docs/architecture.md says which).
"""

from __future__ import annotations

from collections.abc import Callable

from ..datamodel import Page, Screen
from .geometry import measure
from .guard import quarantine
from .kind import classify
from .roles import assign
from .versus import find_versus, own_lines, related_lines, rival_lines

Stage = Callable[[Page], Page]
STAGES: tuple[Stage, ...] = (quarantine, measure, assign, find_versus, classify)


def build(screen: Screen) -> Page:
    """Run every stage over one OCR'd screenshot."""
    page = Page(screen=screen, lines=list(screen.lines))
    for stage in STAGES:
        page = stage(page)
    return page


def page_of(screen: Screen) -> Page:
    """The screenshot's Page, built on first use and kept with the screen (a screen's lines do not change)."""
    if screen.page is None or screen.page.screen is not screen:
        screen.page = build(screen)
    return screen.page


__all__ = ["STAGES", "Page", "Stage", "build", "own_lines", "page_of", "related_lines", "rival_lines"]
