"""Train the line-role model on the labeled corpus and ship it as ONNX.

    python -m benchmarks.roles train          # fit on every unsealed family, write assistant/extract/roles.onnx

Line labels come from the truth: a line names the product when its text, read as a name
(`identity.name_text`), is the labeled name; a line is tagline when its text is part of the labeled
tagline. Sealed families are never trained on. Needs the `train` extra (scikit-learn, skl2onnx);
no network.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from assistant.datamodel import Screen
from assistant.extract.identity import name_text
from assistant.extract.layout import FEATURES, line_features, squash
from assistant.extract.roles import MODEL_PATH, ROLES

from .labeled import Shot, corpus_shots, legacy_shots

TREES = 120
DEPTH = 3
SEED = 0


def line_labels(screen: Screen, truth: dict) -> list[int]:
    """ROLES index of each line: 1 name, 2 tagline, 0 other."""
    name = squash(truth.get("name") or "")
    tagline = squash(truth.get("tagline") or "")
    labels = []
    for line in screen.lines:
        text = squash(line.text)
        if name and squash(name_text(line.text)) == name:
            labels.append(ROLES.index("name"))
        elif tagline and text and (text in tagline if len(text) >= 8 else tagline.endswith(text)
                                   or tagline.startswith(text) and len(text) >= 4):
            labels.append(ROLES.index("tagline"))
        else:
            labels.append(0)
    return labels


def dataset(shots: Sequence[Shot]) -> tuple[list[list[float]], list[int]]:
    rows, labels = [], []
    for shot in shots:
        rows.extend(line_features(shot.screen))
        labels.extend(line_labels(shot.screen, shot.truth))
    return rows, labels


class SklearnRoles:
    """A fitted classifier behind the `RoleModel` seam (used in hold-out runs without an ONNX round trip)."""

    def __init__(self, classifier):
        self.classifier = classifier

    def predict(self, rows: list[list[float]]) -> list[list[float]]:
        if not rows:
            return []
        probs = self.classifier.predict_proba(rows)
        full = [[0.0] * len(ROLES) for _ in rows]  # a role absent from training gets probability 0
        for j, cls in enumerate(self.classifier.classes_):
            for i, row in enumerate(probs):
                full[i][int(cls)] = float(row[j])
        return full


def fit(shots: Sequence[Shot]) -> SklearnRoles:
    try:
        from sklearn.ensemble import GradientBoostingClassifier
    except ImportError:
        raise SystemExit("Training needs scikit-learn: pip install 'shipcard[train]'") from None
    rows, labels = dataset(shots)
    classifier = GradientBoostingClassifier(n_estimators=TREES, max_depth=DEPTH, learning_rate=0.1, subsample=0.8,
                                            random_state=SEED)
    classifier.fit(rows, labels)
    return SklearnRoles(classifier)


def export(model: SklearnRoles, path: Path = MODEL_PATH) -> int:
    """Write the model as ONNX (probabilities as a plain tensor); returns its size in bytes."""
    import numpy as np
    from skl2onnx import to_onnx

    sample = np.zeros((1, len(FEATURES)), dtype=np.float32)
    onx = to_onnx(model.classifier, sample, options={id(model.classifier): {"zipmap": False}}, target_opset=17)
    data = onx.SerializeToString()
    path.write_bytes(data)
    return len(data)


def training_shots() -> list[Shot]:
    """Every unsealed corpus family plus the first labeled set."""
    return corpus_shots(include_sealed=False) + legacy_shots()


def main(argv: list[str]) -> None:
    if argv != ["train"]:
        sys.exit(__doc__)
    shots = training_shots()
    model = fit(shots)
    size = export(model)
    families = sorted({s.family for s in shots})
    print(f"trained on {len(shots)} screenshots in {len(families)} families ({', '.join(families)}); "
          f"wrote {MODEL_PATH} ({size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main(sys.argv[1:])
