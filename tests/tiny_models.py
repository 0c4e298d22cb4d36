"""Tiny random-weight SmolVLM2-style models for tests: built in well under a second, cached per session."""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path


@functools.cache
def _session_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="shipcard-tiny-"))


def build_tiny_gguf(out_dir: Path | None = None) -> Path:
    """A folder holding a tiny GGUF model + idefics3 mmproj pair (pass it as --model)."""
    folder = Path(out_dir) if out_dir else _session_dir() / "gguf"
    if not any(folder.glob("mmproj-*.gguf")):
        from weights.synth.gguf import write_pair

        write_pair("tiny", folder)
    return folder


def tiny_gguf_files(out_dir: Path | None = None) -> tuple[Path, Path]:
    """(model, mmproj) paths of the tiny pair."""
    folder = build_tiny_gguf(out_dir)
    return next(p for p in folder.glob("*.gguf") if "mmproj" not in p.name), next(folder.glob("mmproj-*.gguf"))
