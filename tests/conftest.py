"""Shared fixtures. Every test runs offline with its own SHIPCARD_HOME; the OCR engine is real."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SCREENS = ROOT / "benchmarks" / "data" / "screens"
GOLDEN = Path(__file__).parent / "golden"
REGEN = os.environ.get("SHIPCARD_REGEN_GOLDEN") == "1"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")


@pytest.fixture(autouse=True)
def _home(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("SHIPCARD_HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)


@pytest.fixture(scope="session")
def ocr_backend():
    from assistant.backends import choose

    return choose("ocr")


@pytest.fixture(scope="session")
def example_comparison(ocr_backend):
    """The two bundled examples through the real pipeline (OCR runs once per session)."""
    from assistant.pipeline import compare

    return compare([[EXAMPLES / "lumen-notes"], [EXAMPLES / "kestrel-coder"]], ocr_backend)


def golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME; SHIPCARD_REGEN_GOLDEN=1 rewrites it instead."""
    path = GOLDEN / name
    if REGEN:
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"missing golden {name}: run SHIPCARD_REGEN_GOLDEN=1 pytest tests/test_card.py"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from golden (SHIPCARD_REGEN_GOLDEN=1 to accept)"
