"""Prices on a page: amounts, currencies, periods, per-seat units, and the tiers they belong to."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..datamodel import Evidence, OcrLine, Pricing, Tier
from ..page.lexicon import ACTION_RE, FREE_RE, PRICE_RE, TIER_NAME_RE

# Fixed rates keep results reproducible offline; a card shows the price as written beside the USD figure.
USD_PER = {"USD": 1.0, "EUR": 1.08, "GBP": 1.27, "JPY": 0.0067, "INR": 0.012, "CAD": 0.73, "AUD": 0.66, "CHF": 1.13}
SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}
PERIODS = [
    (re.compile(r"/\s*(?:yr|year)\b|per\s+year|a\s+year|annual(?:ly)?\b(?!.*billed)|/\s*annum", re.IGNORECASE), "year"),
    (re.compile(r"/\s*(?:mo|month)\b|per\s+month|a\s+month|monthly|/\s*m\b", re.IGNORECASE), "month"),
    (re.compile(r"one[- ]time|lifetime|once\b|pay once", re.IGNORECASE), "one-time"),
    (re.compile(r"per\s+(?:1\s?[MK]|million|thousand|\d[\d,.]*\s?[MK]?)\s*(?:tokens?|characters?|requests?|calls?|images?|minutes?)"
                r"|/\s*(?:1\s?[MK]|[\d,.]+[MK]?)\s*(?:tokens?|characters?|requests?|calls?|images?|min(?:ute)?s?)"
                r"|per\s+(?:token|request|call|image|minute|hour|GB)|/\s*(?:token|request|call|image|minute|hour|GB)\b", re.IGNORECASE), "usage"),
]
BILLED_ANNUALLY = re.compile(r"billed\s+(?:annually|yearly)|paid\s+annually|when\s+billed\s+yearly", re.IGNORECASE)
PER_USER = re.compile(r"(?:/|per\s+)(?:user|seat|member|editor|agent)\b|/\s*(?:user|seat)", re.IGNORECASE)
USAGE_UNIT = re.compile(r"(1\s?[MK]|million|thousand|[\d,.]+\s?[MK]?)\s*(tokens?|characters?|requests?|calls?|images?|minutes?)", re.IGNORECASE)
ADDON_RE = re.compile(r"\b(?:additional|overages?|add-ons?)\b", re.IGNORECASE)
# A dollar figure that is no plan's price: credits given away, a trial, a refund, a price in a sentence about
# something else ('$5 of free credits', 'runs on my $5 VPS', 'a $100 budget').
NOT_A_PLAN = re.compile(r"\bcredits?\b|\bvouchers?\b|\brefund|\bworth\b|\bsav(?:e|ings)\b|\boff\b|"
                        r"\bbudget\b|\b(?:my|our|your|a|an)\s+[$€£]\d|\b(?:vps|server|gpu|raised|funding|revenue)\b",
                        re.IGNORECASE)
TRIAL = re.compile(r"\btrial\b|\bdays? free\b", re.IGNORECASE)  # a trial is no free plan
# A free way in written as a sentence: 'Start on the free plan', 'Free forever', 'Get started for free', '$0'.
FREE_ENTRY = re.compile(r"\b(?:start|begin|get started|try it|use it|sign up)\b[^.]{0,30}\b(?:for free|free plan|"
                        r"free tier|free)\b|\bfree forever\b|\bfree (?:plan|tier) available\b|\bfree to use\b|"
                        r"(?<![\d.,])\$0(?![\d.,])(?:\s*/\s*mo(?:nth)?)?\b", re.IGNORECASE)
USAGE_BASED_RE = re.compile(r"usage[- ]based|pay[- ]as[- ]you[- ]go|metered", re.IGNORECASE)
CUSTOM_RE = re.compile(r"^\s*(?:custom|contact (?:sales|us)|let'?s talk|talk to sales)\b", re.IGNORECASE)


@dataclass
class Price:
    amount: float
    currency: str
    period: str | None
    unit: str | None
    text: str
    line: OcrLine

    @property
    def usd(self) -> float:
        return round(self.amount * USD_PER[self.currency], 2)


def parse_prices(line: OcrLine, *context: str) -> list[Price]:
    """Every price written on one OCR line; `context` (text beside, then below, nearest first) may give the period."""
    found = []
    for match in PRICE_RE.finditer(line.text):
        currency = _currency(match)
        if currency is None:
            continue
        whole, cents = (match.group(2), match.group(3)) if match.group(2) else (match.group(5), match.group(6))
        amount = float(re.sub(r"[,\u202f ]", "", whole) + (f".{cents}" if cents else ""))
        tail = line.text[match.end():match.end() + 40]
        nearby = [tail, *context]
        period = next((p for p in map(_period, nearby) if p), None)
        if period is None and any(BILLED_ANNUALLY.search(t) for t in nearby):
            period = "month"
        unit = next((u for u in (_unit(t, period) for t in nearby) if u), None)
        found.append(Price(amount, currency, period, unit, line.text.strip(), line))
    return found


def _currency(match: re.Match) -> str | None:
    token = (match.group("pre") or match.group("post") or match.group("post2") or "").strip().upper()
    return SYMBOLS.get(token, token if token in USD_PER else None)


def _period(text: str) -> str | None:
    for pattern, period in PERIODS:
        if pattern.search(text):
            return period
    return None


def _unit(text: str, period: str | None) -> str | None:
    if PER_USER.search(text):
        return "user"
    if period == "usage":
        m = USAGE_UNIT.search(text)
        if m:
            return f"{m.group(1).replace(' ', '')} {m.group(2).lower().rstrip('s')}s"
    return None


def extract_pricing(lines: list[OcrLine]) -> tuple[Pricing, list[Evidence]]:
    """Tiers from price lines and the plan names beside or above them; the entry is the cheapest way in.

    One tier card has one headline price: a second price under a plan already used (the annual
    figure, an output-token price in the same table row) adds no tier.
    """
    tiers: list[Tier] = []
    evidence: list[Evidence] = []
    used_names: set[int] = set()
    for i, line in enumerate(lines):
        beside = " ".join(ln.text for ln in _right_of(lines, i))
        below = [ln.text for ln in _below(lines, i, 2)]
        prices = [p for p in parse_prices(line, beside, *below) if not _is_amount_not_price(line.text, p)]
        free = not prices and FREE_RE.match(line.text) and _short(line.text, 4)
        if (not prices and not free) or (prices and (ADDON_RE.search(line.text) or NOT_A_PLAN.search(line.text))):
            continue  # no price; or an overage, an add-on, credits, a trial, a figure in prose: not a plan
        if free and any(PRICE_RE.search(lines[j].text) and _tier_name_for(lines, j) == i for j in _row_right(lines, i)):
            continue  # 'Free' names a row whose price ('$0/month') sits further along it: the price makes the tier
        component = _component_for(lines, i) if prices else None
        if component is not None and not INPUT_RE.match(lines[component].text.strip()):
            continue  # an output, cache or batch price: the model's tier is its input price
        name_idx = _model_for(lines, i, component) if component is not None else _tier_name_for(lines, i)
        if (free and name_idx is not None and _short(line.text, 2) and TIER_NAME_RE.match(_strip_badges(line.text))
                and not TIER_NAME_RE.match(_strip_badges(lines[name_idx].text))):
            name_idx = None  # 'Free' names its own plan: a product's heading over it ('Le Chat') is no plan name
        if name_idx is not None and name_idx in used_names:
            continue
        if component is not None and prices[0].period is None:
            prices[0].period = "usage"
        if free and name_idx is None and not _short(line.text, 2):
            continue  # 'Free forever for students' in prose is no price slot
        if free and any(PRICE_RE.search(b.text) for b in _below(lines, i, 3)):
            continue  # 'Free' heading a card whose price ('$0/month') sits below: the price makes the tier
        name = lines[name_idx].text.strip() if name_idx is not None else None
        if prices and name is None and prices[0].period is None:
            continue  # a bare figure with neither plan nor period ("budget $8k") is not a price slot
        if prices:
            p = prices[0]
            tiers.append(Tier(name=_strip_badges(name) if name else None, price_usd=p.usd, period=p.period,
                              unit=p.unit, text=_slot_text(p, beside, below), currency=p.currency, price=p.amount))
        else:
            tiers.append(Tier(name=_strip_badges(name) if name else line.text.strip().title(), price_usd=0.0,
                              text=line.text.strip(), price=0.0))
        if name_idx is not None:
            used_names.add(name_idx)
            evidence.append(lines[name_idx].evidence())
        evidence.append(line.evidence())
    if not tiers:
        sentence = next((ln for ln in lines if FREE_ENTRY.search(ln.text) and not TRIAL.search(ln.text)), None)
        if sentence is not None:  # a free way in said in words, with no price card
            tiers.append(Tier(name="Free", price_usd=0.0, text=sentence.text.strip(), price=0.0))
            evidence.append(sentence.evidence())
    if not tiers:
        usage = next((ln for ln in lines if USAGE_BASED_RE.search(ln.text)), None)
        if usage is not None:
            tiers.append(Tier(name=None, price_usd=None, period="usage", text=usage.text.strip()))
            evidence.append(usage.evidence())
    tiers = dedupe(tiers)
    return Pricing(tiers=tiers, **entry_of(tiers)), evidence


# A price table's rows or columns name what a per-token price is for: input, output, cache, batch.
COMPONENT_RE = re.compile(r"^(?:(?:batch|cached|prompt caching|cache)\s*)?(?:input|output|write|read|hits?|miss(?:es)?)"
                          r"(?:\s+(?:price|tokens?|\(.*\)))?$|^(?:prompt caching|cache) (?:write|read)s?$", re.IGNORECASE)
INPUT_RE = re.compile(r"^input(?:\s+(?:price|tokens?|\(.*\)))?$", re.IGNORECASE)


def _component_for(lines: list[OcrLine], i: int) -> int | None:
    """The component label of a table price: its row's label at the left, or its column's header above."""
    line = lines[i]
    left = [j for j, c in enumerate(lines) if j != i and _same_row(c, line) and c.box[2] <= line.box[0] + 4
            and COMPONENT_RE.match(c.text.strip())]
    if left:
        return max(left, key=lambda j: lines[j].box[2])
    above = [j for j, c in enumerate(lines) if c.box[3] <= line.box[1] + 4 and _same_column(c, line)
             and COMPONENT_RE.match(c.text.strip())
             and (line.box[1] - c.box[3] < 15 * max(line.height, 24) or _one_table(c, line))]
    return max(above, key=lambda j: lines[j].box[3], default=None)


def _model_for(lines: list[OcrLine], i: int, component: int) -> int | None:
    """The model a component price belongs to: the column header over a row-labeled table, or the row's first
    cell under a column-labeled one."""
    line, label = lines[i], lines[component]
    if _same_row(label, line):  # rows are components: the model heads the block, over the row labels
        above = [j for j, c in enumerate(lines) if c.box[3] <= label.box[1] + 4 and abs(c.box[0] - label.box[0]) < 40
                 and not PRICE_RE.search(c.text) and not COMPONENT_RE.match(c.text.strip())
                 and len(c.text.split()) <= 5]
        return max(above, key=lambda j: lines[j].box[3], default=None)
    row = [j for j, c in enumerate(lines) if j != i and _same_row(c, line) and c.box[2] <= line.box[0] + 4
           and not PRICE_RE.search(c.text)]
    if line.dom is not None and line.dom.table_row:  # a captured table: the first cell, its first line (the model's
        return min(row, key=lambda j: (_col(lines[j]), j), default=None)  # name over its id)
    return min(row, key=lambda j: lines[j].box[0], default=None)


def _one_table(a: OcrLine, b: OcrLine) -> bool:
    """Two cells of one captured table's column: its header names the column however long the table runs."""
    return (a.dom is not None and b.dom is not None and a.dom.table > 0 and a.dom.table == b.dom.table
            and a.dom.table_col == b.dom.table_col)


def _col(line: OcrLine) -> int:
    return line.dom.table_col if line.dom is not None and line.dom.table_row else 1000


def _is_amount_not_price(text: str, price: Price) -> bool:
    """'$8k budget', '$2M raised', '€8k': sums of money, not prices."""
    return bool(re.search(re.escape(_amount_text(price)) + r"\s?(?:k|m|bn|b|million|billion)\b", text, re.IGNORECASE))


def _amount_text(price: Price) -> str:
    return f"{price.amount:g}"


def _slot_text(price: Price, beside: str, below: list[str]) -> str:
    """The price as shown, with the words that give its period ('$20' + '/mo')."""
    text = price.text
    if _period(text) is None and not PER_USER.search(text):
        extra = beside or (below[0] if below else "")
        text = _join_slash(text, extra)
    return text[:80]


def _join_slash(text: str, extra: str) -> str:
    """'$20' + '/mo' reads '$20/mo'; OCR that splits '$288/year' as '$288/' + '/year' reads '$288/year', not
    '$288/ /year'."""
    text, extra = text.strip(), extra.strip()
    if text.endswith("/") and extra.startswith("/"):
        return text + extra[1:]
    if text.endswith("/") or extra.startswith("/"):
        return text + extra
    return f"{text} {extra}".strip()


def _tier_name_for(lines: list[OcrLine], i: int) -> int | None:
    """The plan a price belongs to: a plan name above it in its column, or the first cell of its row."""
    line = lines[i]
    best, best_dist = None, float("inf")
    for j, cand in enumerate(lines):
        if j == i or PRICE_RE.search(cand.text):
            continue
        label = _strip_badges(cand.text)
        above = 0 <= line.box[1] - cand.box[3] + 4 < 8 * max(line.height, 24) and _same_column(cand, line)
        left = _same_row(cand, line) and cand.box[2] <= line.box[0] + 4 and line.box[0] - cand.box[2] < 700
        if not (above or left):
            continue
        # a plan word above beats a card heading above, which beats a row label beside:
        # cards put names on top, tables at the left
        if above and TIER_NAME_RE.match(label):
            dist = line.box[1] - cand.box[1]
        elif above and _card_heading(label) and line.box[1] - cand.box[3] < 3 * max(line.height, 24):
            dist = 5_000 + line.box[1] - cand.box[1]
        elif left and (TIER_NAME_RE.match(label) or _row_label(cand, lines)):
            dist = 10_000 + line.box[0] - cand.box[2]
        else:
            continue
        if dist < best_dist:
            best, best_dist = j, dist
    return best


def _card_heading(text: str) -> bool:
    """'Hosted API': a short capitalised heading, not a sentence, bullet or figure."""
    return (1 <= len(text.split()) <= 3 and text[:1].isupper() and not text.isupper()
            and not re.search(r"[\d.:!?,]|^[✓✔+\-•→]|pricing|plans?\b|sign|log", text, re.IGNORECASE) and not ACTION_RE.match(text)
            and not _period(text) and not PER_USER.search(text))


def _row_label(cand: OcrLine, lines: list[OcrLine]) -> bool:
    """A table's first cell (e.g. a model id): short, no sentence, leftmost of its row."""
    text = cand.text.strip()
    if not (1 <= len(text.split()) <= 3) or text.endswith(".") or not re.match(r"[a-z]", text, re.IGNORECASE):
        return False
    if _period(text) or PER_USER.search(text) or FREE_RE.match(text) or BILLED_ANNUALLY.search(text):
        return False
    return not any(_same_row(o, cand) and o.box[2] <= cand.box[0] and cand.box[0] - o.box[2] < 200 for o in lines
                   if o is not cand)


def _same_row(a: OcrLine, b: OcrLine) -> bool:
    if a.dom is not None and b.dom is not None and a.dom.table_row and b.dom.table_row:
        return a.dom.table_row == b.dom.table_row  # a captured table says which row a cell is in, however it wraps
    ca, cb = (a.box[1] + a.box[3]) / 2, (b.box[1] + b.box[3]) / 2
    return abs(ca - cb) < 0.5 * max(min(a.height, b.height), 12)


def _right_of(lines: list[OcrLine], i: int) -> list[OcrLine]:
    """Period words set beside a big price ('$20' '/mo') sit on its row, just to the right."""
    line = lines[i]
    return [c for c in lines if c is not line and c.box[0] >= line.box[2] - 8 and c.box[0] - line.box[2] < 40
            and abs(c.box[3] - line.box[3]) < line.height and not PRICE_RE.search(c.text)]


def _row_right(lines: list[OcrLine], i: int) -> list[int]:
    """The cells further along a line's row (a table row: plan name, then its price)."""
    line = lines[i]
    return [j for j, c in enumerate(lines) if j != i and _same_row(c, line) and c.box[0] >= line.box[2] - 4]


def _strip_badges(text: str) -> str:
    return re.sub(r"\s*[-–—·|]?\s*(most popular|popular|recommended|best value|new)\s*$", "", text.strip(), flags=re.IGNORECASE)


def _same_column(a: OcrLine, b: OcrLine) -> bool:
    overlap = min(a.box[2], b.box[2]) - max(a.box[0], b.box[0])
    return overlap > 0.3 * min(a.width, b.width) or abs((a.box[0] + a.box[2]) - (b.box[0] + b.box[2])) / 2 < 60


def _below(lines: list[OcrLine], i: int, n: int) -> list[OcrLine]:
    line = lines[i]
    out = []
    for cand in lines[i + 1:]:
        if cand.box[1] - line.box[3] > 2.5 * max(line.height, 12):
            break
        if _same_column(cand, line):
            out.append(cand)
            if len(out) == n:
                break
    return out


def _short(text: str, words: int) -> bool:
    return len(text.split()) <= words


def dedupe(tiers: list[Tier]) -> list[Tier]:
    seen, out = set(), []
    for t in tiers:
        key = ((t.name or "").lower(), t.price_usd, t.unit)
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out


def monthly_usd(tier: Tier) -> float | None:
    if tier.price_usd is None or tier.period == "usage":
        return None
    if tier.period == "year":
        return round(tier.price_usd / 12, 2)
    return tier.price_usd


def entry_of(tiers: list[Tier]) -> dict:
    free = [t for t in tiers if t.price_usd == 0]
    if free:
        return {"entry": "Free", "entry_usd_per_month": 0.0}
    priced = [(usd, t) for t in tiers if (usd := monthly_usd(t)) is not None]
    if priced:
        usd, tier = min(priced, key=lambda pair: pair[0])
        return {"entry": _entry_label(tier), "entry_usd_per_month": usd}
    usage = [t for t in tiers if t.period == "usage"]
    if usage:
        return {"entry": "Usage-based", "entry_usd_per_month": None}
    return {"entry": None, "entry_usd_per_month": None}


def _entry_label(tier: Tier) -> str:
    symbol = {v: k for k, v in SYMBOLS.items()}.get(tier.currency or "USD", "$")
    amount = f"{tier.price:g}" if tier.price is not None else "?"
    suffix = {"month": "/mo", "year": "/yr", "one-time": " once"}.get(tier.period or "", "")
    unit = "/user" if tier.unit == "user" else ""
    return f"{symbol}{amount}{unit}{suffix}"
