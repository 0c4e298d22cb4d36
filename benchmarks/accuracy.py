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
        if key not in label and key != "entry":
            continue  # the corpus labels category only where the page shows one
        got = (facts.pricing.entry, facts.pricing.entry_usd_per_month) if key == "entry" else getattr(facts, key)
        score.add(field_ok(facts, key, label), f"{where} {key}: got {got!r}, want {label.get(key)!r}")
    for tier in label.get("tiers", []):
        ok = any(
            norm(t.name) == norm(tier["name"]) and _close(t.price_usd, tier["price_usd"]) for t in facts.pricing.tiers
        )
        score.add(ok, f"{where} tier {tier['name']} {tier['price_usd']}: got {[(t.name, t.price_usd) for t in facts.pricing.tiers]}")
    extra = len(facts.pricing.tiers) - len(label.get("tiers", []))
    if extra > 0:
        score.add(False, f"{where} {extra} tier(s) not on the label: {[(t.name, t.price_usd) for t in facts.pricing.tiers]}")
    return score


def field_ok(facts: Facts, key: str, label: dict) -> bool:
    """Whether one scalar field matches its label."""
    want = label.get(key)
    if key == "entry":
        got_usd = facts.pricing.entry_usd_per_month
        if want and label.get("entry_usd_per_month") is None:
            return facts.pricing.entry is not None and _entry_text_matches(facts.pricing.entry, want, facts)
        if want or got_usd is not None:
            return _close(got_usd, label.get("entry_usd_per_month"))
        return facts.pricing.entry is None
    got = getattr(facts, key)
    if isinstance(want, bool) or (want is None and isinstance(got, bool)):
        return got is want
    return norm(got) == norm(want)


def _entry_text_matches(got: str, want: str, facts: Facts) -> bool:
    """Usage-priced entries have no monthly figure: the cheapest usage tier's text must match."""
    if norm(got) == norm(want):
        return True
    usage = [t for t in facts.pricing.tiers if t.period == "usage" and t.price_usd is not None]
    return bool(usage) and norm(want).startswith(norm(f"${min(t.price_usd for t in usage):g}"))


# ---- per family, hold-out and calibration -------------------------------------------------------


def family_scores(shots, name_scorer=None) -> dict[str, Score]:
    """Field accuracy per layout family, extracting each screenshot on its own."""
    from assistant.extract import extract_facts

    scores: dict[str, Score] = {}
    for shot in shots:
        facts = extract_facts([shot.screen], name_scorer=name_scorer)
        score_facts(facts, shot.truth, scores.setdefault(shot.family, Score()), where=shot.key)
    return scores


def holdout(shots, fit) -> dict[str, Score]:
    """Leave one family out: for each family, `fit` a name scorer on the others and score the one left out."""
    families = sorted({s.family for s in shots})
    scores: dict[str, Score] = {}
    for family in families:
        model = fit([s for s in shots if s.family != family])
        scores.update(family_scores([s for s in shots if s.family == family], model))
    return scores


def calibration(shots, name_scorer=None) -> dict[str, Score]:
    """Accuracy of the fields the engine was sure of (confidence > 0.9) and unsure of (< 0.5)."""
    from assistant.extract import extract_facts

    bins = {"> 0.9": Score(), "0.5-0.9": Score(), "< 0.5": Score()}
    for shot in shots:
        facts = extract_facts([shot.screen], name_scorer=name_scorer)
        for key in ("name", "tagline", "license", "open_weights", "category"):
            if key not in shot.truth or getattr(facts, key) is None:
                continue
            c = facts.confidence.get(key, 0.0)
            slot = "> 0.9" if c > 0.9 else "< 0.5" if c < 0.5 else "0.5-0.9"
            bins[slot].add(field_ok(facts, key, shot.truth), f"{shot.key} {key} ({c:.2f})")
    return bins


def table(scores: dict[str, Score], title: str = "family") -> str:
    total = Score(sum(s.right for s in scores.values()), sum(s.total for s in scores.values()))
    rows = [f"| {title} | right | fields | accuracy |", "|---|---|---|---|"]
    rows += [f"| {name} | {s.right} | {s.total} | {s.ratio:.1%} |" for name, s in sorted(scores.items())]
    rows.append(f"| **all** | {total.right} | {total.total} | {total.ratio:.1%} |")
    return "\n".join(rows)
