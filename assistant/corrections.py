"""A person's correction of one field: parsed from what they type, kept with provenance `person`.

    name / tagline / category / description   any text
    license                                    an SPDX id or a phrase ("Apache 2.0" -> Apache-2.0)
    open_weights                               yes / no
    entry                                      "Free", "$20/mo"
    tiers                                      "Free=$0, Pro=$20/mo, Team=$40 per user/month"

An empty value (or "none") clears the field. A corrected field has no evidence on the page: its evidence is
the person's own words, cited as "set by a person" (`PERSON`) instead of a screenshot, so reviewers can judge
from it and the card says where it came from.
"""

from __future__ import annotations

from .datamodel import Evidence, Facts, OcrLine, Pricing, Tier
from .errors import ShipcardError

TEXT_FIELDS = ("name", "tagline", "category", "description")
PERSON = "set by a person"  # the `image` of a person's evidence: no screenshot holds it
FIXABLE = (*TEXT_FIELDS, "license", "open_weights", "entry", "tiers")
YES = {"yes", "y", "true", "1", "open"}
NO = {"no", "n", "false", "0", "closed"}
CLEAR = {"", "none", "null", "-"}


def apply(facts: Facts, field: str, value: str) -> Facts:
    """A copy of `facts` with `field` set from `value`, marked as set by a person."""
    if field not in FIXABLE:
        raise ShipcardError(f"'{field}' is not a field a person can set.", f"Use one of: {', '.join(FIXABLE)}.")
    fixed = facts.model_copy(deep=True)
    text = value.strip()
    key = "pricing" if field in ("entry", "tiers") else field
    if field in TEXT_FIELDS:
        setattr(fixed, field, None if text.lower() in CLEAR else text)
    elif field == "license":
        fixed.license = None if text.lower() in CLEAR else _license(text)
    elif field == "open_weights":
        fixed.open_weights = _yes_no(text)
    elif field == "tiers":
        fixed.pricing = _with_entry([] if text.lower() in CLEAR else _tiers(text))
    else:
        fixed.pricing = _entry_only(fixed.pricing, text)
    fixed.evidence.pop(key, None)
    if text.lower() not in CLEAR:
        fixed.evidence[key] = [Evidence(text=text, image=PERSON, box=(0.0, 0.0, 0.0, 0.0), confidence=1.0)]
    fixed.unverified = [f for f in fixed.unverified if f != key]
    fixed.alternatives.pop(field, None)
    fixed.provenance[key] = "person"
    fixed.confidence[key] = 1.0
    return fixed


def _line(text: str) -> OcrLine:
    return OcrLine(text=text, box=(0.0, 0.0, 0.0, 0.0), confidence=1.0, image="")


def _license(text: str) -> str:
    from .extract.terms import find_license

    found = find_license([_line(text if "licen" in text.lower() else f"License: {text}")])
    return found[0] if found else text


def _yes_no(text: str) -> bool | None:
    low = text.lower()
    if low in CLEAR:
        return None
    if low in YES or low in NO:
        return low in YES
    raise ShipcardError(f"open_weights takes yes or no, not '{text}'.", "Example: shipcard fix 3 open_weights yes")


def _tiers(text: str) -> list[Tier]:
    from .extract.pricing import parse_prices

    tiers = []
    for part in (p.strip() for p in text.replace(";", ",").split(",") if p.strip()):
        name, sep, price_text = part.partition("=")
        if not sep or not name.strip():
            raise ShipcardError(f"Tier '{part}' is not written as NAME=PRICE.",
                                'Example: shipcard fix 3 tiers "Free=$0, Pro=$20/mo"')
        if price_text.strip().lower() == "free":
            price_text = "$0/mo"
        prices = parse_prices(_line(price_text.strip()))
        if not prices:
            raise ShipcardError(f"No price in '{price_text.strip()}' for tier {name.strip()}.",
                                "Write it with a currency, e.g. $20/mo, €15 per user/month, $0.50 per 1M tokens.")
        p = prices[0]
        tiers.append(Tier(name=name.strip(), price_usd=p.usd, period=p.period or "month", unit=p.unit,
                          text=price_text.strip(), currency=p.currency, price=p.amount))
    return tiers


def _with_entry(tiers: list[Tier]) -> Pricing:
    from .extract.pricing import entry_of

    return Pricing(tiers=tiers, **entry_of(tiers))


def _entry_only(pricing: Pricing, text: str) -> Pricing:
    from .extract.pricing import FREE_RE, parse_prices

    if text.lower() in CLEAR:
        return pricing.model_copy(update={"entry": None, "entry_usd_per_month": None})
    if FREE_RE.match(text):
        return pricing.model_copy(update={"entry": text, "entry_usd_per_month": 0.0})
    prices = parse_prices(_line(text))
    if not prices:
        raise ShipcardError(f"No price in '{text}'.", 'Write it as "Free" or with a currency, e.g. "$20/mo".')
    p = prices[0]
    monthly = p.usd / 12 if p.period == "year" else p.usd if p.period in (None, "month") else None
    return pricing.model_copy(update={"entry": text, "entry_usd_per_month": monthly})
