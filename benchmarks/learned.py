"""The learned name ranker: how it is trained, exported and measured.

`python -m benchmarks.learned train --corpus DIR` fits gradient-boosted trees (monotonic in the features whose
direction is known, `identity.NAME_FEATURES`) on the wild corpus's train split plus the rendered corpus, picks the
no-name threshold on the dev split, and writes assistant/extract/data/name_ranker.json, which the card evaluates
with numpy (`assistant/extract/ranker.py`). `shipcard bench accuracy --holdout family` fits the same trees on every
rendered family but one and scores the one left out. Needs scikit-learn (`pip install 'shipcard[train]'`); no
network.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from assistant.extract.candidates import candidates
from assistant.extract.identity import NAME_FEATURES, name_rows
from assistant.extract.ranker import Trees, shipped_path
from assistant.extract.tagline import TAGLINE_FEATURES, slogans, tagline_rows
from assistant.page import page_of
from assistant.page.lexicon import squash

from .labeled import Shot

# Chosen on the wild dev split (top-1 of the name, 61 images): depth 3-6, 150-500 trees, monotonic or not, with or
# without the rendered corpus all land within 37-41 right; balanced classes with the rendered corpus kept: 41.
TREES = 300
DEPTH = 4
SEED = 0
FOLDS = 5  # out-of-fold predictions for the confidence calibration, folds by repository or rendered page
Example = tuple  # (Screen, set of squashed right names, the tagline or None, group)


def examples(shots: Iterable) -> list[Example]:
    """(screen, the names that count as right, the tagline, its group) of rendered `Shot`s and wild `WildShot`s
    alike; a group is the repository (wild) or the page (rendered): its images are alike, so folds keep them
    together."""
    out = []
    for shot in shots:
        keys = {squash(shot.truth.get("name") or ""), squash(getattr(shot, "name_as_drawn", None) or "")} - {""}
        group = shot.key.rsplit("__", 1)[0]
        out.append((shot.screen, keys, shot.truth.get("tagline"), group))
    return out


def name_dataset(items: Sequence[Example]) -> tuple[list[list[float]], list[int], list[int]]:
    """Feature rows of every name reading, labeled 1 where the reading is a right name, and each row's page."""
    rows, labels, groups = [], [], []
    for g, (screen, keys, *_) in enumerate(items):
        page = page_of(screen)
        cands = candidates(page)
        rows.extend(name_rows(page, cands))
        labels.extend(int(squash(c.text) in keys) for c in cands)
        groups.extend([g] * len(cands))
    return rows, labels, groups


class TreeScorer:
    """A fitted classifier behind the `identity.Scorer` seam: the probability that a reading is the name."""

    probabilities = True

    def __init__(self, classifier):
        self.classifier = classifier

    def predict(self, rows: list[list[float]]) -> list[float]:
        if not rows:
            return []
        return self.classifier.predict_proba(rows)[:, 1].tolist()


def tagline_dataset(items: Sequence[Example]) -> tuple[list[list[float]], list[int]]:
    """Feature rows of every tagline candidate, placed against the line of the labeled name (pages whose name is
    not read as one line give no rows), labeled 1 where it reads as the labeled tagline."""
    from benchmarks.wild_score import tagline_ok

    rows, labels = [], []
    for screen, keys, tagline, _ in items:
        anchor = _name_line(screen, keys)
        if anchor is None:
            continue
        page = page_of(screen)
        cands = slogans(page, anchor)
        rows.extend(tagline_rows(page, anchor, page.lines[anchor].text, cands))
        labels.extend(int(bool(tagline) and tagline_ok(c.pick.text, tagline)) for c in cands)
    return rows, labels


def _name_line(screen, keys: set[str]) -> int | None:
    page = page_of(screen)
    return next((c.line for c in candidates(page) if squash(c.text) in keys), None)


def _classifier(features: dict[str, int] = NAME_FEATURES):
    try:
        from sklearn.ensemble import HistGradientBoostingClassifier
    except ImportError:
        raise SystemExit("The learned ranker needs scikit-learn: pip install 'shipcard[train]'") from None
    return HistGradientBoostingClassifier(
        max_iter=TREES, max_depth=DEPTH, learning_rate=0.05, l2_regularization=1.0, min_samples_leaf=20,
        monotonic_cst=list(features.values()), class_weight="balanced", random_state=SEED)


def fit(shots: Sequence[Shot]) -> TreeScorer:
    """Trees on rendered shots (the --holdout family bench)."""
    rows, labels, _ = name_dataset(examples(shots))
    classifier = _classifier()
    classifier.fit(rows, labels)
    return TreeScorer(classifier)


def export(classifier, absent_below: float, features: dict[str, int] = NAME_FEATURES) -> Trees:
    """The fitted forest as flat arrays (every tree padded to the largest one with leaves)."""
    predictors = [p[0] for p in classifier._predictors]  # binary: one tree per iteration
    width = max(len(p.nodes) for p in predictors)
    depth = max(int(p.nodes["depth"].max()) for p in predictors) + 1

    def field(name: str, fill, dtype):
        out = np.full((len(predictors), width), fill, dtype=dtype)
        for t, p in enumerate(predictors):
            out[t, : len(p.nodes)] = p.nodes[name]
        return out

    return Trees(features=list(features), baseline=float(np.ravel(classifier._baseline_prediction)[0]),
                 feature=field("feature_idx", 0, np.int64), threshold=field("num_threshold", 0.0, np.float64),
                 left=field("left", 0, np.int64), right=field("right", 0, np.int64),
                 value=field("value", 0.0, np.float64), leaf=field("is_leaf", 1, bool),
                 missing_left=field("missing_go_to_left", 1, bool), depth=depth, absent_below=absent_below)


def no_name_threshold(trees: Trees, dev: Sequence[Example]) -> float:
    """The best-candidate probability under which a page is said to show no name: the value that gets the most
    dev images right (a named image right when its top pick is right and above it; a nameless one when below)."""
    tops = []
    for screen, keys, *_ in dev:
        best, second, right = _top_two(trees, screen, keys)
        tops.append((trees.confidence(best, second), bool(keys), right))
    grid = [x / 100 for x in range(2, 60)]
    return max(grid, key=lambda t: (sum((p >= t and right) if named else p < t for p, named, right in tops), -t))


def _top_two(scorer, screen, keys: set[str]) -> tuple[float, float, bool]:
    """The best two distinct readings' probabilities, and whether the best is a right name."""
    page = page_of(screen)
    cands = candidates(page)
    best: dict[str, float] = {}
    for c, p in zip(cands, scorer.predict(name_rows(page, cands)), strict=True):
        best[squash(c.text)] = max(p, best.get(squash(c.text), 0.0))
    ranked = [*sorted(best.items(), key=lambda kv: -kv[1]), ("", 0.0), ("", 0.0)]
    return ranked[0][1], ranked[1][1], ranked[0][0] in keys


def calibration(items: Sequence[Example], features: dict[str, int], dataset, top_two) -> tuple[float, float, float]:
    """Logistic weights of a ranker's confidence on (logit best, logit lead over the second), fitted on out-of-fold
    predictions: each fold's pages scored by trees that never saw their repository. `dataset` makes (rows,
    labels) of examples; `top_two(scorer, example)` gives (best, second, right) or None."""
    from sklearn.linear_model import LogisticRegression

    from assistant.extract.ranker import _logit

    groups = sorted({g for *_, g in items})
    fold_of = {g: i % FOLDS for i, g in enumerate(groups)}
    x, y = [], []
    for k in range(FOLDS):
        rows, labels = dataset([e for e in items if fold_of[e[3]] != k])[:2]
        scorer = TreeScorer(_classifier(features).fit(rows, labels))
        for example in (e for e in items if fold_of[e[3]] == k):
            found = top_two(scorer, example)
            if found is not None:
                best, second, right = found
                x.append([_logit(best), _logit(best) - _logit(second)])
                y.append(int(right))
    fitted = LogisticRegression().fit(x, y)
    return float(fitted.coef_[0][0]), float(fitted.coef_[0][1]), float(fitted.intercept_[0])


def _name_top_two(scorer, example: Example) -> tuple[float, float, bool]:
    screen, keys, *_ = example
    return _top_two(scorer, screen, keys)


def _tagline_top_two(scorer, example: Example) -> tuple[float, float, bool] | None:
    """The best two tagline candidates' probabilities under the labeled name, and whether the best is right."""
    from benchmarks.wild_score import tagline_ok

    screen, keys, tagline, _ = example
    anchor = _name_line(screen, keys)
    if anchor is None:
        return None
    page = page_of(screen)
    cands = slogans(page, anchor)
    if not cands:
        return 0.0, 0.0, not tagline
    probs = scorer.predict(tagline_rows(page, anchor, page.lines[anchor].text, cands))
    order = sorted(range(len(cands)), key=lambda i: -probs[i])
    second = probs[order[1]] if len(order) > 1 else 0.0
    return probs[order[0]], second, bool(tagline) and tagline_ok(cands[order[0]].pick.text, tagline)


def tagline_threshold(trees: Trees, dev: Sequence[Example]) -> float:
    """As `no_name_threshold`, for the tagline's calibrated confidence under the labeled name's line."""
    tops = []
    for example in dev:
        found = _tagline_top_two(trees, example)
        if found is not None:
            best, second, right = found
            tops.append((trees.confidence(best, second), bool(example[2]), right))
    grid = [x / 100 for x in range(2, 90)]
    return max(grid, key=lambda t: (sum((p >= t and right) if has else p < t for p, has, right in tops), -t))


def train(corpus: Path, out: Path | None = None, cached_only: bool = False) -> None:
    """Fit both rankers on wild train + the rendered corpus (sealed families and the wild sealed split never),
    thresholds on wild dev; write them to `out` (default: where shipcard loads them)."""
    from benchmarks import labeled, wild

    shots = wild.shots(corpus, ("train", "dev"), cached_only=cached_only)
    train_set = examples([s for s in shots if s.split == "train"] + labeled.corpus_shots() + labeled.legacy_shots())
    dev = examples([s for s in shots if s.split == "dev"])
    rows, labels, _ = name_dataset(train_set)
    _fit_and_write(rows, labels, NAME_FEATURES, lambda t: no_name_threshold(t, dev), out or shipped_path("name"),
                   calibration(train_set, NAME_FEATURES, name_dataset, _name_top_two))
    rows, labels = tagline_dataset(train_set)
    _fit_and_write(rows, labels, TAGLINE_FEATURES, lambda t: tagline_threshold(t, dev),
                   (out.with_name("tagline_ranker.json") if out else shipped_path("tagline")),
                   calibration(train_set, TAGLINE_FEATURES, tagline_dataset, _tagline_top_two))


def _fit_and_write(rows, labels, features: dict[str, int], threshold, out: Path,
                   calibrated: tuple[float, float, float] = (1.0, 0.0, 0.0)) -> Trees:
    classifier = _classifier(features)
    classifier.fit(rows, labels)
    trees = replace(export(classifier, 0.0, features), calibration=calibrated)
    check = np.asarray(rows[:500], dtype=np.float64)
    assert np.allclose(trees.predict(check.tolist()), classifier.predict_proba(check)[:, 1], atol=1e-6)
    trees = replace(trees, absent_below=threshold(trees))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(trees.to_json(), separators=(",", ":")))
    print(f"{out.name}: {len(rows)} candidates ({sum(labels)} right); absent below {trees.absent_below:.2f} (dev); "
          f"calibration {[round(c, 3) for c in trees.calibration]}; {out.stat().st_size // 1024} kB")
    return trees


def words(out: Path | None = None) -> None:
    """Regenerate the English word-frequency table (assistant/page/data/english_zipf.tsv.gz) from wordfreq."""
    import gzip

    try:
        from wordfreq import top_n_list, zipf_frequency
    except ImportError:
        raise SystemExit("The word table needs wordfreq: pip install 'shipcard[train]'") from None
    out = out or Path(__file__).resolve().parents[1] / "assistant" / "page" / "data" / "english_zipf.tsv.gz"
    rows = [f"{w}\t{zipf_frequency(w, 'en'):.1f}" for w in top_n_list("en", 50000)
            if w.isascii() and any(c.isalpha() for c in w)]
    head = ("# word<TAB>Zipf frequency in English (log10 per billion words), from wordfreq top_n_list('en', 50000).\n"
            "# wordfreq data: CC BY-SA 4.0, Robyn Speer and contributors; see LICENSE_WORDFREQ beside this file.\n")
    with gzip.GzipFile(out, "wb", compresslevel=9, mtime=0) as f:  # mtime 0: the same words give the same bytes
        f.write((head + "\n".join(rows) + "\n").encode())
    print(f"{len(rows)} words -> {out}")


if __name__ == "__main__":
    import argparse

    from benchmarks.wild import DEFAULT_CORPUS

    parser = argparse.ArgumentParser(description="Train the name ranker, or regenerate the word table.")
    parser.add_argument("what", choices=["train", "words"])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="wild corpus folder (index.jsonl)")
    args = parser.parse_args()
    train(args.corpus) if args.what == "train" else words()
