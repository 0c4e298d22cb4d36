"""Greedy, grammar-constrained decoding: a lazy grammar, and prompt-lookup drafts (n-gram speculation, no draft model).

The grammar is checked against the model's first choice before it is applied to the whole vocabulary (what
llama.cpp's common sampler does): the same tokens as llama-cpp-python's grammar + greedy chain, without a
~12 ms pass over SmolLM2's 49k-token vocabulary for every token (tests/test_lookup.py).

Prompt lookup (off by default, see N_DRAFT): an extraction's answer is mostly text already in the prompt
(names, taglines and prices from the page's lines). After each token, the last 3 (down to 2) tokens are looked
up in the prompt and what is generated so far; the tokens that followed their latest match are the draft. The
last token and the draft are evaluated in one batch with logits at every position; the grammar-constrained
greedy choice at each position is compared with the draft and the agreeing run is kept. The answer is the
plain greedy one except where two tokens are nearly tied: a batch is computed with other kernels than one token,
so the last bits of the logits differ.

llama-cpp-python's `LlamaPromptLookupDecoding` does the same through `Llama(draft_model=...)`, but that turns
on `logits_all`: the logits of every prompt token are computed and kept (n_ctx x n_vocab floats, 0.8 GB for
SmolLM2's vocabulary at 4096), and it cannot resume from a KV prefix evaluated elsewhere.
"""
from __future__ import annotations

import ctypes
import os
from dataclasses import dataclass

ENV = "SHIPCARD_PROMPT_LOOKUP"  # draft tokens per step (0: off, the default; "on": 4)
# Off by default (SHIPCARD_PROMPT_LOOKUP=4 turns it on). Measured on the 2-core Xeon: SmolLM2-135M text path,
# 8 labeled pages: 4 drafts after a 2-3 token match give 2.0 tokens a step and +10% tokens/s (10 drafts, or
# 1-token matches, lose time to rejected drafts); but a batch of 5 costs the synthetic 2.2B 2.3x one step on the
# native build (1.9x on the AVX2 wheel), so at 2.0 tokens a step the 2.2B loses. Two cores make the step compute-
# bound; where the step is bound by reading the weights (more cores), a batch is nearly free and this pays.
N_DRAFT = 0
DRAFT_WHEN_ON = 4
NGRAM = 3
MIN_NGRAM = 2


def n_draft() -> int:
    """Draft tokens per step: SHIPCARD_PROMPT_LOOKUP (a number; "on" is 4), else N_DRAFT."""
    value = os.environ.get(ENV, "").strip().lower()
    return DRAFT_WHEN_ON if value == "on" else int(value) if value.isdigit() else N_DRAFT


@dataclass
class Decoded:
    tokens: list[int]
    steps: int = 0  # batches evaluated
    drafted: int = 0
    accepted: int = 0
    full_passes: int = 0  # tokens where the model's first choice broke the grammar


def find_draft(history: list[int], n: int, ngram: int = NGRAM, min_ngram: int = MIN_NGRAM) -> list[int]:
    """The tokens that followed the latest earlier occurrence of the last `ngram` (down to `min_ngram`) tokens."""
    for size in range(min(ngram, len(history) - 1), min_ngram - 1, -1):
        tail = history[-size:]
        for start in range(len(history) - size - 1, -1, -1):
            if history[start : start + size] == tail:
                follow = history[start + size : start + size + n]
                if follow:
                    return follow
    return []


class GrammarGreedy:
    """The greedy token the grammar allows, checking the unconstrained choice first (llama.cpp's common sampler
    does the same): the grammar is applied to one candidate, and to the whole vocabulary only where the model's
    first choice breaks it. A full pass costs ~12 ms a token on SmolLM2's 49k vocabulary, 10x the 135M model's
    own step. Same tokens as a grammar + greedy sampler chain; `sample(llama, i)` accepts the token it returns."""

    def __init__(self, llama, grammar):
        import llama_cpp

        self.llama_cpp, self.n_vocab = llama_cpp, llama.n_vocab()
        self.sampler = llama_cpp.llama_sampler_init_grammar(
            llama._model.vocab, grammar._grammar.encode(), grammar._root.encode())
        self.one = (llama_cpp.llama_token_data * 1)()
        self.all = (llama_cpp.llama_token_data * self.n_vocab)()
        self.full_passes = 0

    def close(self) -> None:
        if self.sampler:
            self.llama_cpp.llama_sampler_free(self.sampler)
            self.sampler = None

    def sample(self, llama, i: int) -> int:
        import numpy as np

        logits = np.ctypeslib.as_array(llama._ctx.get_logits_ith(i), shape=(self.n_vocab,))
        token = int(logits.argmax())
        if not self._allowed(token, float(logits[token])):
            token = self._constrained(logits)
        self.llama_cpp.llama_sampler_accept(self.sampler, token)
        return token

    def _allowed(self, token: int, logit: float) -> bool:
        self.one[0].id, self.one[0].logit, self.one[0].p = token, logit, 0.0
        self._apply(self.one, 1)
        return self.one[0].logit != float("-inf")

    def _constrained(self, logits) -> int:
        import numpy as np

        self.full_passes += 1
        view = np.ctypeslib.as_array(self.all).view(np.dtype([("id", np.int32), ("logit", np.float32), ("p", np.float32)]))
        view["id"], view["logit"], view["p"] = np.arange(self.n_vocab, dtype=np.int32), logits, 0.0
        self._apply(self.all, self.n_vocab)
        return int(view["id"][view["logit"].argmax()])

    def _apply(self, data, size: int) -> None:
        arr = self.llama_cpp.llama_token_data_array(data=data, size=size, selected=-1, sorted=False)
        self.llama_cpp.llama_sampler_apply(self.sampler, ctypes.byref(arr))


def decode(llama, pending: list[int], grammar, max_tokens: int, n_draft: int = N_DRAFT) -> Decoded:
    """Greedy tokens under `grammar` after the prompt in `llama`'s KV cache. `pending`: the prompt's last tokens,
    not yet evaluated (empty: the caller just evaluated the whole prompt, its last logits are current)."""
    sampler = GrammarGreedy(llama, grammar)
    try:
        done = _decode(llama, sampler, list(pending), max_tokens, n_draft)
        done.full_passes = sampler.full_passes
        return done
    finally:
        sampler.close()


def _decode(llama, sampler, pending: list[int], max_tokens: int, n_draft: int) -> Decoded:
    import llama_cpp

    vocab = llama._model.vocab
    history = llama.input_ids[: llama.n_tokens].tolist() + pending
    if pending:
        _eval(llama, pending, all_logits=False)
    out = Decoded([])
    token = sampler.sample(llama, -1)
    while not llama_cpp.llama_vocab_is_eog(vocab, token):
        out.tokens.append(token)
        if len(out.tokens) >= max_tokens:
            break
        draft = find_draft(history + out.tokens, min(n_draft, max_tokens - len(out.tokens))) if n_draft else []
        start = llama.n_tokens
        _eval(llama, [token, *draft], all_logits=bool(draft))
        out.steps, out.drafted = out.steps + 1, out.drafted + len(draft)
        token, kept = _verify(llama, sampler, draft, out, max_tokens, vocab)
        if kept < len(draft) or token is None:  # the rejected draft's KV entries go
            llama._ctx.kv_cache_seq_rm(-1, start + 1 + kept, -1)
            llama.n_tokens = start + 1 + kept
        if token is None:
            break
    return out


def _verify(llama, sampler, draft: list[int], out: Decoded, max_tokens: int, vocab):
    """Compare the greedy choice at each drafted position with the draft; keep the agreeing run. Returns (the next
    token, or None where generation ends inside the draft; draft tokens kept)."""
    import llama_cpp

    for i in range(len(draft) + 1):
        token = sampler.sample(llama, i if draft else -1)
        if i == len(draft) or token != draft[i]:
            return token, i
        out.accepted += 1
        if llama_cpp.llama_vocab_is_eog(vocab, token):
            return None, i
        out.tokens.append(token)
        if len(out.tokens) >= max_tokens:
            return None, i + 1
    raise AssertionError("unreachable")


def _eval(llama, tokens: list[int], all_logits: bool) -> None:
    """Evaluate `tokens` after the KV cache's contents, with logits at every position when `all_logits`."""
    n_past = llama.n_tokens
    llama._ctx.kv_cache_seq_rm(-1, n_past, -1)
    llama._batch.set_batch(batch=tokens, n_past=n_past, logits_all=all_logits)
    llama._ctx.decode(llama._batch)
    llama.input_ids[n_past : n_past + len(tokens)] = tokens
    llama.n_tokens += len(tokens)


def complete(llama, llama_cpp, pending: list[int], schema: dict, max_tokens: int, stats) -> tuple[str, int]:
    """Greedy constrained decoding with prompt lookup, for the engines; returns (text, tokens generated)."""
    from .runtime import json_grammar

    done = decode(llama, pending, json_grammar(llama_cpp, schema), max_tokens, n_draft())
    stats.count("decode_steps", done.steps)
    stats.count("draft_tokens", done.drafted)
    stats.count("draft_accepted", done.accepted)
    stats.count("grammar_full_passes", done.full_passes)
    return llama.detokenize(done.tokens).decode("utf-8", errors="ignore"), len(done.tokens)
