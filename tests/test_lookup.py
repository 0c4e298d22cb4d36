"""Prompt-lookup decoding gives the answer plain greedy decoding gives, in fewer model steps where the answer
copies the prompt (assistant/backends/llamacpp/lookup.py).

Not always token for token: a batch of drafted tokens is evaluated with other matrix kernels than one token at a
time, so logits differ in the last bits, and where two tokens are nearly tied (a small model babbling) the greedy
choice can flip. Where the model is sure (the copied name) the answers agree."""

from __future__ import annotations

import json
import os

import pytest

pytest.importorskip("llama_cpp")

from assistant.backends.llamacpp.lookup import ENV, find_draft
from assistant.backends.vlm import VLMStats

PAGE = ("Parrot Voice\nTalk to your docs. Parrot Voice turns any PDF into a voice assistant.\nPricing\n"
        "Free $0 forever: 3 documents\nPro $20/mo billed annually: unlimited documents\nTeam $45 per seat per month\n"
        "Apache-2.0 license, open weights on Hugging Face")
PROMPT = f"Page text:\n{PAGE}\n\nGive the product's name, tagline and entry price as JSON, copied from the page."
SCHEMA = {"type": "object", "properties": {"name": {"type": "string", "maxLength": 40},
                                           "tagline": {"type": "string", "maxLength": 120},
                                           "price": {"type": "string", "maxLength": 30}},
          "required": ["name", "tagline", "price"]}


def test_the_draft_is_what_followed_the_latest_match_of_the_longest_tail():
    assert find_draft([1, 2, 3, 9, 1, 2, 3, 4, 5, 1, 2, 3], 3) == [4, 5, 1]  # latest match of (1, 2, 3)
    assert find_draft([7, 8, 9, 5, 6, 1, 8, 9], 2) == [5, 6]  # (8, 9) matches, not (1, 8, 9)
    assert find_draft([7, 8, 5, 6, 8], 2) == []  # a one-token match drafts nothing (MIN_NGRAM)
    assert find_draft([7, 8, 5, 6, 8], 2, min_ngram=1) == [5, 6]
    assert find_draft([1, 2, 3], 4) == [] and find_draft([], 4) == []


def _runs(engine, prompt, images, monkeypatch, max_tokens=96) -> dict:
    """n draft tokens -> (completion, engine counters)."""
    found = {}
    for n in ("0", "on"):
        monkeypatch.setenv(ENV, n)
        stats = VLMStats()
        found[n] = (engine.complete(prompt, images, SCHEMA, max_tokens, 0.0, 0, stats), stats.extra)
    return found


@pytest.mark.llama
def test_the_real_text_model_answers_as_llama_cpp_pythons_own_sampler_does_in_fewer_steps(monkeypatch):
    from assistant.backends.llamacpp import cached_text_engine, json_grammar
    from tests.test_real_tokenizer import need_smollm2

    engine = cached_text_engine(str(need_smollm2()), 2, False)
    found = _runs(engine, PROMPT, [], monkeypatch)
    stock = engine.llama.create_completion(prompt=engine.tokens(PROMPT), max_tokens=96, temperature=0.0,
                                           repeat_penalty=1.0, grammar=json_grammar(engine.llama_cpp, SCHEMA))
    stock_text = stock["choices"][0]["text"]
    (lazy, counts), (fast, extra) = found["0"], found["on"]
    assert lazy.text == stock_text  # the lazy grammar picks what the grammar + greedy chain picks, one token a step
    assert counts["decode_steps"] == lazy.completion_tokens and counts["grammar_full_passes"] < lazy.completion_tokens
    assert json.loads(fast.text)["name"] == json.loads(stock_text)["name"] == "Parrot Voice"
    assert len(os.path.commonprefix([fast.text, stock_text])) >= len(stock_text) // 2, (stock_text, fast.text)  # noqa: RUF071
    assert extra["draft_accepted"] > 0 and extra["decode_steps"] < fast.completion_tokens


@pytest.mark.llama
def test_lookup_keeps_the_image_engines_answer(monkeypatch):
    from assistant.backends.base import BackendOptions
    from assistant.backends.llamacpp import LlamaCppBackend
    from quantize import jobs
    from tests.tiny_models import build_tiny_gguf

    engine = LlamaCppBackend(BackendOptions(model=str(build_tiny_gguf()), tile_budget=1)).engine
    images = [engine.prepare(jobs.example_screen())]
    found = _runs(engine, PROMPT, images, monkeypatch, max_tokens=400)
    assert json.loads(found["on"][0].text).keys() == json.loads(found["0"][0].text).keys()
    assert found["on"][1]["decode_steps"] <= found["0"][0].completion_tokens
