"""The text path: any text GGUF (SmolLM2-135M/1.7B-Instruct, ...) reads the OCR lines, answers constrained JSON.

No projector and no image encode: the prompts already quote the page's OCR text, which is what a text model
reads. The prompt is rendered with the model's own chat template, and llama-cpp-python keeps the longest
common token prefix in the KV cache between calls (its `generate` trims the cache and evaluates the rest), so
the quoted page is evaluated once however many questions follow.
"""

from __future__ import annotations

import functools
import os
import time
from pathlib import Path

from ..vlm import Completion
from . import lookup
from .kernels import load_llama
from .runtime import check_gguf, common_prefix, import_llama, json_grammar, reload_hint, silence

N_CTX = 4096
N_BATCH = 512
_PLAIN = "{% for m in messages %}{{ m['role'] | capitalize }}: {{ m['content'] }}\n{% endfor %}Assistant:"


@functools.lru_cache(maxsize=1)
def cached_text_engine(model: str, threads: int, verbose: bool) -> TextEngine:
    return TextEngine(Path(model), threads, verbose)


class TextEngine:
    """A text GGUF in llama.cpp: prompt text in, grammar-constrained JSON out; the KV prefix kept between calls."""

    sees_images = False

    def __init__(self, model: Path, threads: int, verbose: bool):
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        self.llama_cpp, mtmd = import_llama()
        if not verbose:
            silence(self.llama_cpp, mtmd)
        check_gguf(model)
        t0 = time.perf_counter()
        try:
            self.llama = load_llama(
                self.llama_cpp, model_path=str(model), n_ctx=N_CTX, n_batch=N_BATCH, n_threads=threads, n_threads_batch=threads,
                verbose=verbose,
            )
        except (ValueError, RuntimeError, OSError) as exc:
            from ...errors import BackendError

            raise BackendError(f"llama.cpp could not load {model.name}: {exc}.", reload_hint(model)) from None
        self.load_seconds = time.perf_counter() - t0
        self.template = self.llama.metadata.get("tokenizer.chat_template") or _PLAIN

    def prepare(self, screen):  # the text path sends no image
        return None

    def render(self, prompt: str) -> str:
        from jinja2.sandbox import ImmutableSandboxedEnvironment

        env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)
        content = [{"type": "text", "text": prompt}] if "['type']" in self.template else prompt  # SmolVLM2-style
        return env.from_string(self.template).render(
            messages=[{"role": "user", "content": content}], add_generation_prompt=True, bos_token="", eos_token="",
        )

    def tokens(self, prompt: str) -> list[int]:
        """The rendered prompt's tokens; page text cannot smuggle in special tokens (only the template's count)."""
        text = self.render(prompt)
        head, sep, _ = text.partition(prompt)
        if not sep:  # the template changed the prompt text: tokenize it whole
            return self.llama.tokenize(text.encode(), add_bos=False, special=True)
        tail = text[len(head) + len(prompt):]
        special = functools.partial(self.llama.tokenize, add_bos=False, special=True)
        return special(head.encode()) + self.llama.tokenize(prompt.encode(), add_bos=False, special=False) + special(tail.encode())

    def complete(self, prompt: str, images, schema: dict, max_tokens: int, temperature: float, seed: int,
                 stats) -> Completion:
        t0 = time.perf_counter()
        tokens = self.tokens(prompt)
        self._check_room(len(tokens), max_tokens)
        reused = self._prefill(tokens)
        t1 = time.perf_counter()
        if temperature == 0.0:  # greedy: lazy grammar and prompt-lookup drafts (lookup.py), the same answer sooner
            text, n_out = lookup.complete(self.llama, self.llama_cpp, tokens[-1:], schema, max_tokens, stats)
            out: dict = {"choices": [{"text": text}], "usage": {"prompt_tokens": len(tokens), "completion_tokens": n_out}}
        else:
            out = self.llama.create_completion(  # finds the prompt in the KV cache: evaluates its last token only
                prompt=tokens, max_tokens=max_tokens, temperature=temperature, seed=seed, repeat_penalty=1.0,
                grammar=json_grammar(self.llama_cpp, schema),
            )
        stats.count("prompt_tokens_reused", reused)
        stats.count("prompt_tokens_evaluated", len(tokens) - reused)
        stats.count("prefill_seconds", t1 - t0)  # measured apart, as the image engine does
        stats.count("decode_seconds", time.perf_counter() - t1)
        usage = out.get("usage", {})
        return Completion(
            text=out["choices"][0]["text"], prompt_tokens=usage.get("prompt_tokens", len(tokens)),
            completion_tokens=usage.get("completion_tokens", 0), seconds=time.perf_counter() - t0,
        )

    def _prefill(self, tokens: list[int]) -> int:
        """Evaluate `tokens` but the last into the KV cache after the longest cached prefix; return that prefix."""
        keep = common_prefix(self.llama.input_ids[: self.llama.n_tokens].tolist(), tokens[:-1])
        self.llama._ctx.kv_cache_seq_rm(-1, keep, -1)
        self.llama.n_tokens = keep
        if len(tokens) - 1 > keep:
            self.llama.eval(tokens[keep:-1])
        return keep

    def _check_room(self, n_prompt: int, max_tokens: int) -> None:
        if n_prompt + max_tokens >= self.llama.n_ctx():
            from ...errors import BackendError

            raise BackendError(f"The prompt does not fit the model's context ({self.llama.n_ctx()} tokens).",
                               "Pass fewer screenshots at once.")
