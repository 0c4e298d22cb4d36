"""Field accuracy of extracted facts against benchmarks/data/truth.json.

A field is right when it matches the label after normalisation (case, spacing, punctuation;
prices by their USD figure within 1%). Each labeled tier counts as one field (name and price).
Fields labeled null count too: the extractor must not invent them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from assistant.datamodel import Facts

DATA = Path(__file__).parent / "data"
SCALAR_FIELDS = ("name", "tagline", "category", "license", "open_weights", "entry")


def load_truth(path: Path | None = None) -> dict[str, dict]:
    return json.loads((path or DATA / "truth.json").read_text())


def norm(value) -> str:
    if value is None:
        return ""
    return re.sub(r"[^a-z0-9€£$.]+", "", str(value).lower().replace("—", "-"))


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= max(0.01 * abs(b), 0.01)


@dataclass
class Score:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, what: str) -> None:
        self.total += 1
        self.right += ok
        if not ok:
            self.misses.append(what)

    @property
    def ratio(self) -> float:
        return self.right / self.total if self.total else 1.0


def score_facts(facts: Facts, label: dict, score: Score | None = None, where: str = "") -> Score:
    score = score or Score()
    for key in SCALAR_FIELDS:
        want = label.get(key)
        if key == "entry":
            got_usd = facts.pricing.entry_usd_per_month
            ok = _close(got_usd, label.get("entry_usd_per_month")) if want or got_usd is not None else facts.pricing.entry is None
            if want and label.get("entry_usd_per_month") is None:
                ok = facts.pricing.entry is not None and _entry_text_matches(facts.pricing.entry, want, facts)
            score.add(ok, f"{where} entry: got {facts.pricing.entry!r} ({got_usd}), want {want!r}")
            continue
        got = getattr(facts, key)
        ok = got is want if isinstance(want, bool) or want is None and isinstance(got, bool) else norm(got) == norm(want)
        score.add(ok, f"{where} {key}: got {got!r}, want {want!r}")
    for tier in label.get("tiers", []):
        ok = any(
            norm(t.name) == norm(tier["name"]) and _close(t.price_usd, tier["price_usd"]) for t in facts.pricing.tiers
        )
        score.add(ok, f"{where} tier {tier['name']} {tier['price_usd']}: got {[(t.name, t.price_usd) for t in facts.pricing.tiers]}")
    extra = len(facts.pricing.tiers) - len(label.get("tiers", []))
    if extra > 0:
        score.add(False, f"{where} {extra} tier(s) not on the label: {[(t.name, t.price_usd) for t in facts.pricing.tiers]}")
    return score


def _entry_text_matches(got: str, want: str, facts: Facts) -> bool:
    """Usage-priced entries have no monthly figure: the cheapest usage tier's text must match."""
    if norm(got) == norm(want):
        return True
    usage = [t for t in facts.pricing.tiers if t.period == "usage" and t.price_usd is not None]
    return bool(usage) and norm(want).startswith(norm(f"${min(t.price_usd for t in usage):g}"))
