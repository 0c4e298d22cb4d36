"""Labeled judgments: is each reviewer's criterion met on a corpus page, and which lines show it.

One screenshot per corpus page (its `light` variant, else its first) is labeled, criterion by criterion, in
`benchmarks/corpus/judgments/<family>.json`:

    {"<family>/<page>__<variant>.png": {
        "builder.primitive": {"label": "met" | "not_met" | "unknown", "support": ["<an OCR line, exactly>"],
                              "why": "<a few words>"}}}

Two figures, per family, with the judging-sealed families (`JUDGING_SEALED`, labeled, never tuned on) apart:
- criterion accuracy: the judge's met / not met / unknown equals the label;
- support precision: of the quotes a card cites for a criterion, the share whose line is labeled as support.

`python -m benchmarks.judging sheet FAMILY` prints what a labeler needs (lines with their place on the page, every
criterion with its question); `check` validates the label files; `score` prints the figures
(`shipcard bench judging` does the same).
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from assistant.quotes import locate

HERE = Path(__file__).parent
# Judgment families held out for issue 25, chosen before any tuning for it: the extraction benchmark's sealed
# families (benchmarks/labeled.py) had been scored too often to stay held out for the judge, so for judging they
# join the dev set and these three are measured only, once, when the work is done. Their extraction labels stay
# tunable: this seal covers the judgment labels and the judge's rules.
JUDGING_SEALED = frozenset({"aggregator", "hf-model-card", "phone"})
LABELS = HERE / "corpus" / "judgments"
VALUES = {"met": True, "not_met": False, "unknown": None}


def criteria() -> list[tuple[str, object]]:
    """(reviewer.criterion, Criterion) for every built-in reviewer, in card order."""
    from assistant.rubrics import load_rubrics

    return [(f"{r.id}.{c.id}", c) for r in load_rubrics() for c in r.criteria]


def judging_sealed(family: str) -> bool:
    return family in JUDGING_SEALED


def labeled_shots(include_sealed: bool = True, families: set[str] | None = None):
    """The corpus screenshots chosen for judgment labels: one per page, `light` when there is one. Without
    `include_sealed`, the judging-sealed families are left out (the extraction-sealed ones are dev here)."""
    from benchmarks.labeled import corpus_shots

    chosen: dict[tuple[str, str], object] = {}
    for shot in corpus_shots(include_sealed=True, families=families):
        if judging_sealed(shot.family) and not include_sealed:
            continue
        key = (shot.family, shot.truth["page"])
        if key not in chosen or shot.truth["variant"] == "light":
            chosen[key] = shot
    return sorted(chosen.values(), key=lambda s: s.key)


def load_labels() -> dict[str, dict]:
    labels: dict[str, dict] = {}
    for path in sorted(LABELS.glob("*.json")):
        labels.update(json.loads(path.read_text()))
    return labels


def sheet(family: str) -> str:
    """The labeling sheet of one family: each chosen screenshot's lines (y, height, text) and the criteria."""
    out = []
    for shot in labeled_shots(families={family}):
        w, h = shot.screen.loaded.image.size
        out.append(f"=== {shot.key}  ({w}x{h}; product: {shot.truth['name']})")
        for i, ln in enumerate(shot.screen.lines):
            x0, y0, _x1, y1 = ln.box
            out.append(f"{i:3d} y={y0:5.0f} h={y1 - y0:3.0f} x={x0:5.0f} | {ln.text}")
    out.append("\n=== criteria (otherwise: what the rubric says when the page shows nothing)")
    for key, c in criteria():
        out.append(f"{key}: {c.label} | Q: {c.question} | otherwise: {c.otherwise}")
    return "\n".join(out)


def check(labels: dict[str, dict] | None = None) -> list[str]:
    """Problems in the label files: unknown screenshots or criteria, bad values, support that is not a page line."""
    labels = load_labels() if labels is None else labels
    shots = {s.key: s for s in labeled_shots()}
    keys = {k for k, _ in criteria()}
    problems = []
    for shot_key, marks in labels.items():
        shot = shots.get(shot_key)
        if shot is None:
            problems.append(f"{shot_key}: not a chosen corpus screenshot")
            continue
        texts = {ln.text for ln in shot.screen.lines}
        for k in keys - set(marks):
            problems.append(f"{shot_key}: {k} not labeled")
        for k, mark in marks.items():
            if k not in keys:
                problems.append(f"{shot_key}: {k} is not a criterion")
            elif mark.get("label") not in VALUES:
                problems.append(f"{shot_key}: {k} label {mark.get('label')!r} is not met/not_met/unknown")
            problems += [f"{shot_key}: {k} support {t!r} is not a line of the page" for t in mark.get("support", [])
                         if t not in texts]
    return problems


@dataclass
class Tally:
    right: int = 0
    total: int = 0
    cited: int = 0
    supported: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0

    @property
    def precision(self) -> float:
        return self.supported / self.cited if self.cited else 0.0


def judge_shot(shot):
    """The embedded engine's reviews of one labeled screenshot: rules only, as `shipcard compare` would judge."""
    from assistant.extract import extract_facts
    from assistant.judge import judge_product
    from assistant.rubrics import load_rubrics

    facts = extract_facts([shot.screen])
    return judge_product(facts, [shot.screen], load_rubrics(), None, "rules")


def score(labels: dict[str, dict] | None = None, include_sealed: bool = True) -> dict[str, Tally]:
    """Tallies per family (and per criterion, keyed 'criterion:<reviewer.id>') over the labeled screenshots."""
    labels = load_labels() if labels is None else labels
    tallies: dict[str, Tally] = defaultdict(Tally)
    for shot in labeled_shots(include_sealed=include_sealed):
        marks = labels.get(shot.key)
        if not marks:
            continue
        for rev in judge_shot(shot):
            for r in rev.criteria:
                key = f"{rev.reviewer}.{r.id}"
                mark = marks.get(key)
                if mark is None:
                    continue
                want = VALUES[mark["label"]]
                support = set(mark.get("support", []))
                for t in (tallies[shot.family], tallies[f"criterion:{key}"]):
                    t.total += 1
                    t.right += r.met == want
                    if r.met != want:
                        t.misses.append(f"{shot.key} {key}: judged {_word(r.met)}, labeled {mark['label']}"
                                        f"{' citing ' + repr(r.evidence[0].text) if r.evidence else ''}")
                    for e in r.evidence:
                        line = _line_of(e, shot.screen.lines)
                        t.cited += 1
                        t.supported += line is not None and line.text in support
    return dict(tallies)


_QUOTED = re.compile(r"“([^”]+)”")


def cut_quotes(shots=None) -> tuple[int, int, list[str]]:
    """(quotes cut inside a word, quotes shown, the cut ones) over the cards of the labeled screenshots: every quote
    a rationale prints (“…”) and every cited line, checked against the page line it comes from. A quote may end
    where its line goes on only at a word's edge ('from Hug…' is cut; 'from Hugging Face…' is not)."""
    cut, shown, found = 0, 0, []
    for shot in labeled_shots() if shots is None else shots:
        texts = [ln.text for ln in shot.screen.lines]
        for rev in judge_shot(shot):
            quotes = _QUOTED.findall(rev.rationale) + [e.text for r in rev.criteria for e in r.evidence]
            for q in quotes:
                shown += 1
                if _cut_inside_a_word(q, texts):
                    cut += 1
                    found.append(f"{shot.key} {rev.reviewer}: {q!r}")
    return cut, shown, found


def _cut_inside_a_word(quote: str, texts: list[str]) -> bool:
    """The quote (less its '…') starts or ends inside a word of the page line that holds it."""
    q = " ".join(quote.removesuffix("…").removeprefix("…").split()).lower()
    if not q:
        return False
    seen = False
    for text in (*texts, *(f"{a} {b}" for a, b in pairwise(texts))):
        t = " ".join(text.split()).lower()
        at = t.find(q)
        while at >= 0:
            seen = True
            before = t[at - 1] if at else " "
            after = t[at + len(q)] if at + len(q) < len(t) else " "
            if not ((before.isalnum() and q[0].isalnum()) or (after.isalnum() and q[-1].isalnum())):
                return False  # held whole somewhere on the page
            at = t.find(q, at + 1)
    return seen  # found only cut; not found at all is not a cut of ours (a model's paraphrase is checked elsewhere)


def _line_of(evidence, lines):
    """The page line a quote was cited from: the line at its box, else where its text is."""
    at = [ln for ln in lines if tuple(ln.box) == tuple(evidence.box) and ln.image == evidence.image]
    return at[0] if at else locate(evidence.text, lines)


def _word(met: bool | None) -> str:
    return {True: "met", False: "not_met", None: "unknown"}[met]


def table(tallies: dict[str, Tally]) -> str:
    """Per family, sealed families marked and summed apart, then per criterion."""
    sealed = judging_sealed
    fams = sorted(k for k in tallies if not k.startswith("criterion:"))
    rows = ["| family | criteria right | accuracy | quotes on the label's lines | support precision |",
            "|---|---|---|---|---|"]

    def row(name: str, t: Tally) -> str:
        return (f"| {name} | {t.right}/{t.total} | {100 * t.accuracy:.1f}% | {t.supported}/{t.cited} | "
                f"{100 * t.precision:.1f}% |")

    for group, members in (("unsealed", [f for f in fams if not sealed(f)]), ("sealed", [f for f in fams if sealed(f)])):
        total = Tally()
        for f in members:
            t = tallies[f]
            rows.append(row(f"{f} (sealed)" if group == "sealed" else f, t))
            total.right, total.total = total.right + t.right, total.total + t.total
            total.cited, total.supported = total.cited + t.cited, total.supported + t.supported
        if members:
            rows.append(row(f"**{group}**", total))
    return "\n".join(rows)


def criterion_table(tallies: dict[str, Tally]) -> str:
    rows = ["| criterion | right | accuracy | support precision |", "|---|---|---|---|"]
    for k in sorted(k for k in tallies if k.startswith("criterion:")):
        t = tallies[k]
        rows.append(f"| {k.split(':', 1)[1]} | {t.right}/{t.total} | {100 * t.accuracy:.1f}% | "
                    f"{t.supported}/{t.cited} |")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    if argv[:1] == ["sheet"] and len(argv) == 2:
        print(sheet(argv[1]))
    elif argv == ["check"]:
        problems = check()
        print("\n".join(problems) or f"{sum(map(len, load_labels().values()))} labels, no problems")
        return 1 if problems else 0
    elif argv == ["cuts"]:
        cut, shown, found = cut_quotes()
        print("\n".join(found))
        print(f"{cut} of {shown} quotes on the labeled cards are cut inside a word")
        return 1 if cut else 0
    elif argv[:1] == ["score"]:
        tallies = score(include_sealed="--unsealed" not in argv)
        print(table(tallies))
        print()
        print(criterion_table(tallies))
        if "--misses" in argv:
            print("\n".join(m for k, t in tallies.items() if not k.startswith("criterion:") for m in t.misses))
    else:
        print("usage: python -m benchmarks.judging sheet FAMILY | check | cuts | score [--unsealed] [--misses]")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

