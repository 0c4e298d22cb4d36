"""A learned name ranker, measured family by family against the layout prior it would replace.

`shipcard bench accuracy --holdout family` fits gradient-boosted trees (monotonic in the features whose
direction is known, `identity.NAME_FEATURES`) on every family but one and scores the one left out. The
embedded engine ships the prior alone because, measured this way, the trees do not beat it (see
benchmarks/README.md); this module keeps that comparison one command away. Needs scikit-learn
(`pip install 'shipcard[train]'`); no network.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.extract.identity import NAME_FEATURES, candidates, name_rows
from assistant.page import page_of
from assistant.page.lexicon import squash

from .labeled import Shot

TREES = 200
DEPTH = 3
SEED = 0


def name_dataset(shots: Sequence[Shot]) -> tuple[list[list[float]], list[int]]:
    """Feature rows of every name reading, labeled 1 where the reading is the labeled name."""
    rows, labels = [], []
    for shot in shots:
        page = page_of(shot.screen)
        cands = candidates(page)
        name = squash(shot.truth.get("name") or "")
        rows.extend(name_rows(page, cands))
        labels.extend(int(bool(name) and squash(c.text) == name) for c in cands)
    return rows, labels


class TreeScorer:
    """A fitted classifier behind the `identity.Scorer` seam: the probability that a reading is the name."""

    def __init__(self, classifier):
        self.classifier = classifier

    def predict(self, rows: list[list[float]]) -> list[float]:
        if not rows:
            return []
        return self.classifier.predict_proba(rows)[:, 1].tolist()


def fit(shots: Sequence[Shot]) -> TreeScorer:
    try:
        from sklearn.ensemble import HistGradientBoostingClassifier
    except ImportError:
        raise SystemExit("The learned ranker needs scikit-learn: pip install 'shipcard[train]'") from None
    classifier = HistGradientBoostingClassifier(
        max_iter=TREES, max_depth=DEPTH, learning_rate=0.05, l2_regularization=1.0, min_samples_leaf=10,
        monotonic_cst=list(NAME_FEATURES.values()), random_state=SEED)
    classifier.fit(*name_dataset(shots))
    return TreeScorer(classifier)
