"""A byte-level BPE vocabulary for full-size synthetic models, learned from text that ships with Python.

A one-token-per-byte vocabulary makes every prompt 3-4x longer than SmolVLM2's real tokenizer does, so a
synthetic model would overstate prefill time. The real vocabulary cannot be downloaded here, so a stand-in is
learned with Hugging Face `tokenizers` from CPython's own English: the language reference (`pydoc_data`) and
the standard library's docstrings (~2.3 MB). The pre-tokenizer is SmolLM2's (digits one by one, then GPT-2's
byte-level split), which llama.cpp applies for `tokenizer.ggml.pre = "smollm"`. The result compresses the
benchmark pages to ~3 characters a token; a 49k vocabulary trained on web text does at least as well, so card
timings measured with it are, if anything, pessimistic.
"""

from __future__ import annotations

import ast
import functools
import json
import sysconfig
from pathlib import Path

from common.errors import MissingDependencyError


def corpus() -> list[str]:
    """CPython's reference topics and standard-library docstrings, in a fixed order."""
    import pydoc_data.topics

    texts = [text for _, text in sorted(pydoc_data.topics.topics.items())]
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    for path in sorted(stdlib.rglob("*.py")):
        if {"test", "tests", "site-packages", "idlelib"} & set(path.relative_to(stdlib).parts):
            continue
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError, ValueError):
            continue
        texts += [doc for node in ast.walk(tree) if isinstance(node, _DOCUMENTED) and (doc := ast.get_docstring(node))]
    return texts


_DOCUMENTED = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


@functools.lru_cache(maxsize=4)
def learn(max_tokens: int) -> tuple[list[str], list[str]]:
    """(learned tokens beyond the 256 byte characters, in id order; merges as "a b"), at most `max_tokens`."""
    try:
        from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    except ImportError:
        raise MissingDependencyError("tokenizers", "bench") from None
    alphabet = pre_tokenizers.ByteLevel.alphabet()
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Digits(individual_digits=True),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True),
    ])
    trainer = trainers.BpeTrainer(vocab_size=len(alphabet) + max_tokens, min_frequency=2,
                                  initial_alphabet=alphabet, show_progress=False)
    tokenizer.train_from_iterator(corpus(), trainer)
    model = json.loads(tokenizer.to_str())["model"]
    alphabet_set = set(alphabet)
    learned = [tok for tok, _ in sorted(model["vocab"].items(), key=lambda kv: kv[1]) if tok not in alphabet_set]
    merges = [m if isinstance(m, str) else " ".join(m) for m in model["merges"]]
    return learned, merges
