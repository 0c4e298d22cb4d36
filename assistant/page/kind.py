"""Kind stage: what sort of page this is, from what the earlier stages found. Readers weigh layout cues by it
(a social card has no nav band; a pricing page's plan names are not the product)."""

from __future__ import annotations

from ..datamodel import Page, PageKind
from .lexicon import priced

HUB_ROWS = 3  # a hub's tab row ('Model card  Files  Community') or a repo's ('Code  Issues  Pull requests')


def classify(page: Page) -> Page:
    page.kind = kind_of(page)
    return page


def kind_of(page: Page) -> PageKind:
    if page.versus is not None:
        return "comparison"
    if sum(role == "tier" for role in page.roles) >= 2:
        return "pricing"
    if len(page.lines) <= 8:
        return "card"  # a social card, a banner, a store graphic: a few large lines
    if sum(priced(ln.text) for ln in page.lines) >= 3:
        return "pricing"
    return "page"
