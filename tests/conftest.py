"""Shared fixtures. Every test runs offline with its own SHIPCARD_HOME; the OCR engine is real."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "assistant" / "examples"
SCREENS = ROOT / "benchmarks" / "data" / "screens"
GOLDEN = Path(__file__).parent / "golden"
REGEN = os.environ.get("SHIPCARD_REGEN_GOLDEN") == "1"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
# Before any test module imports llama_cpp (importorskip at collection): llama.cpp's OpenMP threads then wait
# passively, as in every shipcard process (the engines set it before their import), instead of spinning and
# stalling each other on a CPU shared with other work.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


# The system tools some tests drive: the variable that may name the binary, and how to install it per platform.
TOOLS = {
    "chromium": ("SHIPCARD_CHROMIUM", "apt-get install chromium; on macOS: python -m playwright install chromium"),
    "tesseract": ("SHIPCARD_TESSERACT", "apt-get install tesseract-ocr; on macOS: brew install tesseract"),
}


def require_tool(name: str) -> str:
    """The path of system tool `name`, or skip this test with a one-line reason (a Mac may lack it).

    On Linux under CI (CI=true) a missing tool fails instead: .ci/run installs both, so a skip there would hide a
    broken install and CI would pass without ever running these tests.
    """
    variable, install = TOOLS[name]
    found = os.environ.get(variable) or shutil.which(name) or (_playwright_chromium() if name == "chromium" else None)
    if found and Path(found).is_file():
        return found
    why = f"{name} is not installed ({install})"
    if sys.platform.startswith("linux") and os.environ.get("CI", "").lower() in ("true", "1"):
        pytest.fail(f"{why}: CI on Linux must run this test, not skip it", pytrace=False)
    pytest.skip(why)


def _playwright_chromium() -> str | None:
    """The Chromium that `python -m playwright install chromium` put in Playwright's cache (macOS has no package)."""
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            return p.chromium.executable_path
    except Exception:  # no playwright, no driver, no browser: not installed, whatever the reason
        return None


@pytest.fixture
def home(request, tmp_path, tmp_path_factory) -> Path:
    """This test's SHIPCARD_HOME (not made here: the code under test makes it).

    Modules marked `shared_home` share one per run: their engines derive model files there once.
    """
    if request.node.get_closest_marker("shared_home"):
        return tmp_path_factory.getbasetemp() / "home"
    return tmp_path / "home"


@pytest.fixture(autouse=True)
def _home(home, monkeypatch):
    """Every test: its own SHIPCARD_HOME, models offline, and no Anthropic key unless the test sets one."""
    monkeypatch.setenv("SHIPCARD_HOME", str(home))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)


@pytest.fixture(scope="session")
def ocr_backend():
    from assistant.backends import choose

    return choose("ocr")


@pytest.fixture
def example_comparison():
    """A fresh copy of the example card and its screens, made one way for every test (tests/example_card.py)."""
    from tests.example_card import example

    return example()


@pytest.fixture(scope="session")
def tiny_mlx(tmp_path_factory) -> Path:
    """The tiny random-weight MLX SmolVLM2 folder, written once per session (skips where mlx is missing)."""
    pytest.importorskip("mlx.core", reason="mlx is not installed (pip install 'shipcard[mlx]')")
    pytest.importorskip("mlx_vlm", reason="mlx-vlm is not installed (pip install 'shipcard[mlx]')")
    from weights.synth.mlx import write_mlx

    return write_mlx("tiny", tmp_path_factory.mktemp("mlx") / "tiny")


@pytest.fixture(scope="session")
def tiny_gguf() -> Path:
    """The folder of the tiny GGUF model + mmproj pair, written once per session (skips without llama.cpp)."""
    pytest.importorskip("llama_cpp", reason="llama-cpp-python is not installed (pip install 'shipcard[llama]')")
    pytest.importorskip("gguf", reason="gguf is not installed (pip install 'shipcard[llama]')")
    from tests.tiny_models import build_tiny_gguf

    return build_tiny_gguf()


@pytest.fixture(scope="session")
def kestrel_screens():
    """The Kestrel Coder landing page, read once per session."""
    from assistant.pipeline import read_screens

    return read_screens([EXAMPLES / "kestrel-coder" / "landing.png"])


def golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME; SHIPCARD_REGEN_GOLDEN=1 rewrites it instead."""
    path = GOLDEN / name
    if REGEN:
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"missing golden {name}: run SHIPCARD_REGEN_GOLDEN=1 pytest tests/test_card.py"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from golden (SHIPCARD_REGEN_GOLDEN=1 to accept)"
