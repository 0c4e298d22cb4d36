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
    assert find_draft([7, 8, 5, 6, 8], 2) == [5, 6]  # only the last token matches
    assert find_draft([1, 2, 3], 4) == [] and find_draft([], 4) == []


def _both(engine, prompt, images, monkeypatch, max_tokens=96):
    found = {}
    for n in ("0", "10"):
        monkeypatch.setenv(ENV, n)
        stats = VLMStats()
        found[n] = (engine.complete(prompt, images, SCHEMA, max_tokens, 0.0, 0, stats), stats.extra)
    return found


@pytest.mark.llama
def test_lookup_decodes_the_real_text_models_tokens_in_fewer_steps(monkeypatch):
    from assistant.backends.llamacpp import cached_text_engine
    from tests.test_real_tokenizer import need_smollm2

    engine = cached_text_engine(str(need_smollm2()), 2, False)
    found = _both(engine, PROMPT, [], monkeypatch)
    (plain, _), (fast, extra) = found["0"], found["10"]
    assert json.loads(fast.text)["name"] == json.loads(plain.text)["name"] == "Parrot Voice"
    assert len(os.path.commonprefix([fast.text, plain.text])) >= len(plain.text) // 2, (plain.text, fast.text)  # noqa: RUF071 (strings, on purpose)
    assert extra["draft_accepted"] > 0 and extra["decode_steps"] < fast.completion_tokens


@pytest.mark.llama
def test_lookup_keeps_the_image_engines_answer(monkeypatch):
    from assistant.backends.base import BackendOptions
    from assistant.backends.llamacpp import LlamaCppBackend
    from quantize import jobs
    from tests.tiny_models import build_tiny_gguf

    engine = LlamaCppBackend(BackendOptions(model=str(build_tiny_gguf()), tile_budget=1)).engine
    images = [engine.prepare(jobs.example_screen())]
    found = _both(engine, PROMPT, images, monkeypatch, max_tokens=400)
    assert json.loads(found["10"][0].text).keys() == json.loads(found["0"][0].text).keys()
    assert found["10"][1]["decode_steps"] <= found["0"][0].completion_tokens
