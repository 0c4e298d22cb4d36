"""Learned rankers (the name's, the tagline's): gradient-boosted trees evaluated with numpy.

Trained offline (`python -m benchmarks.learned train`, scikit-learn at training time only) on the wild corpus's
train split and the rendered corpus; shipped as plain arrays in data/<kind>_ranker.json (a few hundred kB), so the
card needs no training library. `predict` gives each candidate the probability that it is the right one.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Trees:
    """One forest as flat arrays: per tree, per node (feature, threshold, left, right, leaf value, is_leaf,
    where a missing value goes)."""

    features: list[str]
    baseline: float
    feature: np.ndarray  # (trees, nodes) int
    threshold: np.ndarray  # (trees, nodes) float
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    leaf: np.ndarray  # bool
    missing_left: np.ndarray  # bool
    depth: int
    absent_below: float  # a best candidate whose confidence is under this: the page does not show one (on dev)
    calibration: tuple[float, float, float] = (1.0, 0.0, 0.0)  # confidence from the best two probabilities
    probabilities = True  # `predict` gives probabilities, not scores: identity reads them as confidences

    def raw(self, rows: np.ndarray) -> np.ndarray:
        """The forest's log-odds for each row: every tree walked for all rows at once."""
        n_trees = self.feature.shape[0]
        node = np.zeros((n_trees, rows.shape[0]), dtype=np.int64)
        trees = np.arange(n_trees)[:, None]
        for _ in range(self.depth):
            f = self.feature[trees, node]
            x = rows[np.arange(rows.shape[0])[None, :], f]
            go_left = np.where(np.isnan(x), self.missing_left[trees, node], x <= self.threshold[trees, node])
            nxt = np.where(go_left, self.left[trees, node], self.right[trees, node])
            node = np.where(self.leaf[trees, node], node, nxt)
        return self.baseline + self.value[trees, node].sum(axis=0)

    def predict(self, rows: list[list[float]]) -> list[float]:
        if not rows:
            return []
        return (1.0 / (1.0 + np.exp(-self.raw(np.asarray(rows, dtype=np.float64))))).tolist()

    def confidence(self, best: float, second: float) -> float:
        """How likely the best candidate is right, from its probability and its lead over the second: a logistic
        fit on out-of-fold predictions of the training pages (a candidate's own probability does not say how
        close the runner-up came)."""
        a, b, c = self.calibration
        lead = _logit(best) - _logit(second)
        return float(1.0 / (1.0 + np.exp(-(a * _logit(best) + b * lead + c))))

    def to_json(self) -> dict:
        return {"features": self.features, "baseline": self.baseline, "depth": self.depth,
                "absent_below": self.absent_below, "calibration": list(self.calibration),
                **{k: getattr(self, k).tolist() for k in ("feature", "threshold", "left", "right", "value", "leaf",
                                                           "missing_left")}}

    @classmethod
    def from_json(cls, data: dict) -> Trees:
        arrays = {k: np.asarray(data[k], dtype=t) for k, t in (
            ("feature", np.int64), ("threshold", np.float64), ("left", np.int64), ("right", np.int64),
            ("value", np.float64), ("leaf", bool), ("missing_left", bool))}
        return cls(features=data["features"], baseline=float(data["baseline"]), depth=int(data["depth"]),
                   absent_below=float(data["absent_below"]),
                   calibration=tuple(data.get("calibration", (1.0, 0.0, 0.0))), **arrays)


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return float(np.log(p / (1 - p)))


def shipped_path(kind: str) -> Path:
    return DATA / f"{kind}_ranker.json"


@functools.cache
def shipped(kind: str = "name") -> Trees | None:
    """The `kind` ranker shipped with shipcard ('name', 'tagline'), or None when its file is absent (the layout
    rules then choose alone)."""
    path = shipped_path(kind)
    return Trees.from_json(json.loads(path.read_text())) if path.is_file() else None
