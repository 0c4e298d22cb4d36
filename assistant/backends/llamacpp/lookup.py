"""Greedy, grammar-constrained decoding with prompt-lookup drafts (n-gram speculation without a draft model).

An extraction's answer is mostly text already in the prompt: names, taglines and prices from the page's lines.
After each token, the last `ngram` tokens are looked up in the prompt and what is generated so far; the tokens
that followed their latest match are the draft. The last token and the draft are evaluated in one batch, with
logits at every position; the grammar-constrained greedy choice at each position is compared with the draft,
and the run of agreeing tokens is kept. A batch of k tokens costs the CPU far less than k single-token steps
(prefill runs ~10x the tokens/s of decode), so every accepted draft token is nearly free, and the output is
token for token the one plain greedy decoding gives (tests/test_lookup.py).

llama-cpp-python's `LlamaPromptLookupDecoding` does the same through `Llama(draft_model=...)`, but that turns
on `logits_all`: the logits of every prompt token are computed and kept (n_ctx x n_vocab floats, 0.8 GB for
SmolLM2's vocabulary at 4096), and it cannot resume from a KV prefix evaluated elsewhere.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

ENV = "SHIPCARD_PROMPT_LOOKUP"  # draft tokens per step; 0 turns prompt lookup off
N_DRAFT = 10
NGRAM = 3


def n_draft() -> int:
    value = os.environ.get(ENV, "").strip()
    return int(value) if value.isdigit() else N_DRAFT


@dataclass
class Decoded:
    tokens: list[int]
    steps: int = 0  # batches evaluated
    drafted: int = 0
    accepted: int = 0


def find_draft(history: list[int], n: int, ngram: int = NGRAM) -> list[int]:
    """The tokens that followed the latest earlier occurrence of the last `ngram` (down to 1) tokens."""
    for size in range(min(ngram, len(history) - 1), 0, -1):
        tail = history[-size:]
        for start in range(len(history) - size - 1, -1, -1):
            if history[start : start + size] == tail:
                follow = history[start + size : start + size + n]
                if follow:
                    return follow
    return []


def decode(llama, pending: list[int], grammar, max_tokens: int, n_draft: int = N_DRAFT) -> Decoded:
    """Greedy tokens under `grammar` after the prompt in `llama`'s KV cache. `pending`: the prompt's last tokens,
    not yet evaluated (empty: the caller just evaluated the whole prompt, its last logits are current)."""
    sampler = llama._init_sampler(temp=0.0, repeat_penalty=1.0, grammar=grammar)
    try:
        return _decode(llama, sampler, list(pending), max_tokens, n_draft)
    finally:
        sampler.close()


def _decode(llama, sampler, pending: list[int], max_tokens: int, n_draft: int) -> Decoded:
    import llama_cpp

    vocab = llama._model.vocab
    history = llama.input_ids[: llama.n_tokens].tolist() + pending
    if pending:
        _eval(llama, pending, all_logits=False)
    out = Decoded([])
    token = sampler.sample(llama._ctx, -1)
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
        token = sampler.sample(llama._ctx, i if draft else -1)
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
    return llama.detokenize(done.tokens).decode("utf-8", errors="ignore"), len(done.tokens)
