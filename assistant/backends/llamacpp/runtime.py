"""llama-cpp-python plumbing the engine and `quantize` share: import with an install hint, quiet logs,
the chat template, JSON grammars, and GGUF checks before llama.cpp sees a file."""

from __future__ import annotations

import ctypes
import functools
from pathlib import Path

from ...errors import BackendError, MissingDependencyError, MissingWeightsError


def import_llama():
    try:
        import llama_cpp
        import llama_cpp.mtmd_cpp as mtmd
    except ImportError:
        raise MissingDependencyError("llama_cpp", "llama") from None
    return llama_cpp, mtmd


_CALLBACKS: list = []  # log callbacks handed to C: kept alive here for the life of the process


@functools.lru_cache(maxsize=1)
def silence(llama_cpp, mtmd) -> None:
    from .kernels import record

    @llama_cpp.llama_log_callback
    def quiet(level, text, user_data):
        if text:
            record(text.decode(errors="replace"))  # keeps only where the weights went

    _CALLBACKS.append(quiet)  # keep a reference: C holds the pointer
    llama_cpp.llama_log_set(quiet, ctypes.c_void_p(0))
    mtmd.mtmd_log_set(quiet, ctypes.c_void_p(0))
    mtmd.mtmd_helper_log_set(quiet, ctypes.c_void_p(0))


def chat_template(llama) -> str:
    template = llama.metadata.get("tokenizer.chat_template")
    if template:
        return template
    from weights.chat_templates import SMOLVLM2  # the catalog's models are SmolVLM2

    return SMOLVLM2


def image_token(llama) -> int:
    ids = llama.tokenize(b"<image>", add_bos=False, special=True)
    return ids[0] if len(ids) == 1 else 0


_CONTROL_FREE_CHAR = r'char ::= [^"\\\x7F\x00-\x1F] | "\\" (["\\/bfnrt] | "u" [0-9a-fA-F] [0-9a-fA-F] [0-9a-fA-F] [0-9a-fA-F])'


@functools.lru_cache(maxsize=64)
def grammar_text(schema_json: str) -> str:
    from llama_cpp.llama_grammar import json_schema_to_gbnf

    lines = json_schema_to_gbnf(schema_json).splitlines()
    return "\n".join(_CONTROL_FREE_CHAR if line.startswith("char ::=") else line for line in lines)


def json_grammar(llama_cpp, schema: dict):
    """A GBNF grammar for `schema` whose strings exclude raw control characters (stock grammar lets them in)."""
    import json

    from llama_cpp.llama_grammar import LlamaGrammar

    return LlamaGrammar.from_string(grammar_text(json.dumps(schema, sort_keys=True)), verbose=False)


def check_gguf(path: Path) -> None:
    """Fail with one line, before llama.cpp sees it, when a file is missing, not GGUF, or truncated."""
    if not path.is_file():
        raise MissingWeightsError(f"{path}: file not found.", "Run 'shipcard weights pull ID' or pass --model with a folder holding both GGUF files.")
    from weights.gguf_header import read_header

    try:
        end = read_header(path).data_end
    except (OSError, ValueError, KeyError) as exc:  # KeyError: a tensor type this gguf package does not know
        raise BackendError(f"{path.name} is not a readable GGUF file ({type(exc).__name__}).", reload_hint(path)) from None
    if end > path.stat().st_size:
        raise BackendError(f"{path.name} is truncated ({path.stat().st_size} of {end} bytes).", reload_hint(path))


def reload_hint(path: Path) -> str:
    return f"Check it with 'shipcard weights verify', or download it again (delete {path.name} and run 'shipcard weights pull')."


def common_prefix(a, b) -> int:
    """How many leading items two token sequences (or KV-cache keys) share: the prefix a cached context can keep."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n
