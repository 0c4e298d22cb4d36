"""Scores on a wild corpus: per field, per image kind and per split, with the name's top-1 and top-3, the images
that show no name (flagged or not), and how sure the engine was when it was right.

A field is checked where the label says what the image shows:
- name: right when it matches the label (case, spacing and punctuation aside) or the name as drawn; for an image
  that shows no name, right when the engine flags it (no name, or confidence < FLAG_BELOW);
- tagline: checked where labeled, or where the engine gives one; right on a normalised match (a reading within
  TAGLINE_RATIO of the label counts: OCR slips one letter in a long slogan);
- entry price and paid prices: where the label gives a price or the engine reads one;
- license and open weights: where the label says so or the engine claims it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from assistant.datamodel import Facts

from .accuracy import Score, norm
from .wild import WildShot

FLAG_BELOW = 0.5  # a name under this confidence is shown as unsure ('is this the name?'), not stated
TAGLINE_RATIO = 0.9


def name_key(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]", "", (text or "").lower())


def name_ok(got: str | None, shot: WildShot) -> bool:
    keys = {name_key(shot.truth.get("name")), name_key(shot.name_as_drawn)} - {""}
    return name_key(got) in keys


def flagged(facts: Facts) -> bool:
    return facts.name is None or facts.confidence.get("name", 0.0) < FLAG_BELOW


def tagline_ok(got: str | None, want: str | None) -> bool:
    if not want or not got:
        return not want and not got
    a, b = norm(got), norm(want)
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= TAGLINE_RATIO


def _prices_ok(facts: Facts, truth: dict) -> tuple[bool | None, bool | None]:
    want_entry, want_paid = truth.get("entry_price_usd"), sorted(truth.get("paid_prices_usd") or [])
    got_entry = facts.pricing.entry_usd_per_month
    got_paid = sorted({round(t.price_usd, 2) for t in facts.pricing.tiers if t.price_usd and t.period in ("month", None)})
    entry = None if want_entry is None and got_entry is None else (
        want_entry is not None and got_entry is not None and abs(got_entry - want_entry) <= 0.01 * max(1, want_entry))
    paid = None if not want_paid and not got_paid else [round(p, 2) for p in want_paid] == got_paid
    return entry, paid


@dataclass
class WildReport:
    fields: dict[str, Score] = field(default_factory=dict)  # per field
    kinds: dict[str, Score] = field(default_factory=dict)  # name right, per image kind
    all_fields: Score = field(default_factory=Score)
    top1: Score = field(default_factory=Score)  # over images that show a name
    top3: Score = field(default_factory=Score)
    no_name_flagged: Score = field(default_factory=Score)  # images without a name that the engine flagged
    named_flagged: Score = field(default_factory=Score)  # images with a name that the engine flagged ('right' = flagged)
    sure: Score = field(default_factory=Score)  # fields above 0.9 confidence: right
    names_sure: Score = field(default_factory=Score)  # names shown: above 0.9 ('right' = above)

    def add(self, key: str, ok: bool, what: str) -> None:
        self.fields.setdefault(key, Score()).add(ok, what)
        self.all_fields.add(ok, what)


def score(shots: Sequence[WildShot], extract: Callable[[WildShot], tuple[Facts, list[str]]]) -> WildReport:
    """`extract` gives each shot's facts and its ranked name candidates (best first)."""
    report = WildReport()
    for shot in shots:
        facts, ranked = extract(shot)
        truth, where = shot.truth, f"{shot.split}/{shot.key} [{shot.kind}]"
        shows = truth.get("name") is not None
        if shows:
            ok = name_ok(None if flagged(facts) and facts.name is None else facts.name, shot)
            report.top1.add(ok, f"{where} name: got {facts.name!r}, want {truth['name']!r}")
            report.top3.add(any(name_ok(c, shot) for c in ranked[:3]), f"{where} top3: {ranked[:3]}")
            report.named_flagged.add(flagged(facts), where)
            report.names_sure.add(facts.confidence.get("name", 0.0) > 0.9, where)
        else:
            ok = flagged(facts)
            report.no_name_flagged.add(ok, f"{where} no name shown: got {facts.name!r} "
                                           f"({facts.confidence.get('name', 0):.2f})")
        report.add("name", ok, f"{where} name: got {facts.name!r}, want {truth.get('name')!r}")
        report.kinds.setdefault(shot.kind, Score()).add(ok, where)
        if facts.confidence.get("name", 0.0) > 0.9 and facts.name:
            report.sure.add(ok, f"{where} sure name {facts.name!r}")
        if truth.get("tagline") or facts.tagline:
            t_ok = tagline_ok(facts.tagline, truth.get("tagline"))
            report.add("tagline", t_ok, f"{where} tagline: got {facts.tagline!r}, want {truth.get('tagline')!r}")
            if facts.tagline and facts.confidence.get("tagline", 0.0) > 0.9:
                report.sure.add(t_ok, f"{where} sure tagline")
        entry, paid = _prices_ok(facts, truth)
        if entry is not None:
            report.add("entry price", entry, f"{where} entry: got {facts.pricing.entry_usd_per_month}, "
                                             f"want {truth.get('entry_price_usd')}")
        if paid is not None:
            report.add("paid prices", paid, f"{where} paid: got {[t.price_usd for t in facts.pricing.tiers]}, "
                                            f"want {truth.get('paid_prices_usd')}")
        for key in ("license", "open_weights"):
            want, got = truth.get(key), getattr(facts, key)
            if want is not None or got is not None:
                good = got is want if isinstance(want, bool) or isinstance(got, bool) else norm(got) == norm(want)
                report.add(key.replace("_", " "), good, f"{where} {key}: got {got!r}, want {want!r}")
    return report


def table(report: WildReport) -> str:
    def row(label: str, s: Score) -> str:
        return f"| {label} | {s.right}/{s.total} | {s.ratio:.1%} |"

    out = ["| field | right | share |", "|---|---|---|"]
    out += [row(k, s) for k, s in report.fields.items()]
    out += [row("**all checked fields**", report.all_fields), "",
            "| name | count | share |", "|---|---|---|",
            row("top-1 (images that show a name)", report.top1), row("top-3", report.top3),
            row("no name shown: flagged", report.no_name_flagged),
            row("a name shown but flagged", report.named_flagged),
            row("names above 0.9 confidence", report.names_sure),
            row("fields above 0.9 confidence: right", report.sure), "",
            "| image kind | name right | share |", "|---|---|---|"]
    out += [row(k, s) for k, s in sorted(report.kinds.items())]
    return "\n".join(out)


def chart(reports: dict[str, WildReport], path) -> None:
    """Per-field accuracy, one bar group per split (matplotlib from the bench extra)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise SystemExit("The chart needs matplotlib: pip install 'shipcard[bench]'") from None
    keys = sorted({k for r in reports.values() for k in r.fields} | {"name top-3"})
    fig, ax = plt.subplots(figsize=(9, 4))
    width = 0.8 / max(1, len(reports))
    for n, (split, r) in enumerate(reports.items()):
        scores = [r.top3 if k == "name top-3" else r.fields.get(k, Score()) for k in keys]
        bars = ax.bar([i + n * width for i in range(len(keys))], [s.ratio * 100 if s.total else 0 for s in scores],
                      width, label=f"{split} ({r.top1.total + r.no_name_flagged.total} images)")
        # counts on the bars: the sealed split is small, and a field seen twice says little
        ax.bar_label(bars, [f"{s.right}/{s.total}" if s.total else "" for s in scores], fontsize=6, rotation=90,
                     padding=2)
    ax.set_xticks([i + width * (len(reports) - 1) / 2 for i in range(len(keys))], keys, rotation=20)
    ax.set_ylabel("right, %")
    ax.set_ylim(0, 115)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
