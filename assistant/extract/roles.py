"""Line roles: which OCR line names the product and which lines are its tagline.

A small gradient-boosted tree model over the layout features of `layout.py`, trained on the
labeled corpus by `python -m benchmarks.roles train` and shipped as ONNX (`roles.onnx`, run by the
ONNX Runtime the OCR engine already uses). When the file is absent the rules' picks stand.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Protocol

from ..datamodel import Screen
from .layout import FEATURES, line_features

MODEL_PATH = Path(__file__).with_name("roles.onnx")
ROLES = ("other", "name", "tagline")


class RoleModel(Protocol):
    """Anything that maps feature rows to per-role probabilities (rows x len(ROLES))."""

    def predict(self, rows: list[list[float]]) -> list[list[float]]: ...


class OnnxRoles:
    """The shipped model, one ONNX Runtime session per process."""

    def __init__(self, path: Path = MODEL_PATH):
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1  # a few hundred rows: threads cost more than they save
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.input = self.session.get_inputs()[0].name
        self.output = next(o.name for o in self.session.get_outputs() if "prob" in o.name)

    def predict(self, rows: list[list[float]]) -> list[list[float]]:
        import numpy as np

        if not rows:
            return []
        x = np.asarray(rows, dtype=np.float32).reshape(len(rows), len(FEATURES))
        return self.session.run([self.output], {self.input: x})[0].tolist()


@functools.lru_cache(maxsize=1)
def shipped() -> RoleModel | None:
    return OnnxRoles() if MODEL_PATH.is_file() else None


def role_probs(screen: Screen, model: RoleModel | None) -> list[dict[str, float]]:
    """Per line of `screen`, the probability of each role."""
    if model is None or not screen.lines:
        return []
    return [dict(zip(ROLES, row)) for row in model.predict(line_features(screen))]
