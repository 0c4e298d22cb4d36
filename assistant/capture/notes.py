"""What a card says about the captured pages it was made from: where one was cut, a consent banner left over the
content, and metadata that disagrees with the visible page. The visible page always wins (the facts come from its
text); the note says what the metadata claimed instead, so a reader can see the disagreement."""

from __future__ import annotations

import re

from ..datamodel import Facts, PageMeta, Screen
from ..page.lexicon import squash
from ..sanitize import printable

SEPARATORS = re.compile(r"\s+[|·•—–:-]\s+|\s*[|·•]\s*")


def notes_for(facts: Facts, screens: list[Screen]) -> list[str]:
    notes: list[str] = []
    for screen in screens:
        cap = screen.capture
        if cap is None:
            continue
        if cap.cut_at:
            notes.append(f"{screen.name}: the page is {cap.full_height} px tall; the capture stops at {cap.cut_at} px "
                         "(raise --max-height to read further).")
        if cap.banner == "covers":
            notes.append(f"{screen.name}: a consent banner covers part of the page (it could not be dismissed).")
        said = meta_name(cap.meta)
        if facts.name and said and not agrees(facts.name, cap.meta):
            notes.append(f"{screen.name}: the page's metadata names '{printable(said)[:80]}', the visible page "
                         f"'{facts.name}'; the card follows the visible page.")
        price = _meta_price(cap.meta, facts)
        if price:
            notes.append(f"{screen.name}: the page's metadata gives a price of {price}, which the visible page does "
                         "not show; the card follows the visible page.")
    return list(dict.fromkeys(notes))


def parts(text: str) -> list[str]:
    """A title's parts: 'Pricing | Supabase' -> ['Pricing', 'Supabase'] (each a phrase that may name the product)."""
    return [p.strip() for p in SEPARATORS.split(text) if p.strip()]


def meta_name(meta: PageMeta) -> str | None:
    """What the metadata says the product is called: JSON-LD's product, else og:site_name, else the title."""
    return next(iter(meta.names()), None)


def agrees(name: str, meta: PageMeta) -> bool:
    """Whether the most specific metadata that names anything names `name` (in any part of it)."""
    key = squash(name)
    products = [n for n, _, _ in meta.offers if n]
    said = products or ([meta.site_name] if meta.site_name else [t for t in (meta.og_title, meta.title) if t])
    return not said or any(key and (key in squash(s) or squash(s) in key) for s in said if squash(s))


def _meta_price(meta: PageMeta, facts: Facts) -> str | None:
    """A JSON-LD price the visible tiers do not show ('$49 USD'), or None."""
    shown = {round(t.price if t.price is not None else (t.price_usd or 0), 2) for t in facts.pricing.tiers}
    for _, price, currency in meta.offers:
        try:
            amount = round(float(str(price).replace(",", "")), 2)
        except (TypeError, ValueError):
            continue
        if amount not in shown:
            return f"{amount:g} {currency or ''}".strip()
    return None
