"""Model-written rationales: kept only when they hold up (2-4 sentences, every quote on the page), else the
embedded prose; on by default for served models only. A scripted engine (a fake, not a mock) and the tiny GGUF."""

from __future__ import annotations

import pytest

from assistant.backends.base import Backend
from assistant.errors import ShipcardError
from assistant.judge import judge_product
from assistant.rubrics import load_rubrics
from tests.example_card import example


class Scripted(Backend):
    """Answers `ask` from a queue; counts the calls."""

    name, label, chats = "scripted", "Scripted", True

    def __init__(self, *answers):
        super().__init__()
        self.answers, self.prompts = list(answers), []

    def extract(self, screens):
        raise NotImplementedError

    def ask(self, prompt, screens, schema):
        self.prompts.append(prompt)
        answer = self.answers.pop(0) if self.answers else None
        if isinstance(answer, Exception):
            raise answer
        return answer


class Served(Scripted):
    name = "openai"
    served = True  # decodes on a server: writes the rationales by default, freely


def _kestrel():
    comparison, screens = example()
    return comparison.products[1].facts, screens[1]


def _embedded(facts, screens):
    return [r.rationale for r in judge_product(facts, screens, load_rubrics(), None)]


def test_a_rationale_that_holds_up_is_kept_and_one_that_does_not_falls_back():
    facts, screens = _kestrel()
    ruled = judge_product(facts, screens, load_rubrics(), None)
    builder_quote, futurist_quote = (next(c.evidence[0].text for c in r.criteria if c.evidence) for r in (ruled[0], ruled[2]))
    good = {"rationale": f'Kestrel ships: "{builder_quote}" is on the page. No benchmark backs it.'}
    invented = {"rationale": 'It ships. The page says "the fastest model in the world".'}
    long = {"rationale": "One. Two. Three. Four. Five."}
    puff = {"rationale": "Kestrel Coder is a revolutionary product. It will change everything."}  # no page words
    engine = Scripted(good, invented, long, puff)
    reviews = judge_product(facts, screens, load_rubrics(), engine, "model")
    embedded = _embedded(facts, screens)
    assert reviews[0].rationale == good["rationale"]
    assert [r.rationale for r in reviews[1:]] == embedded[1:]  # invented quote, five sentences, no quote at all
    assert len(engine.prompts) == 4 and futurist_quote in engine.prompts[2]  # each reviewer gets its own quotes
    assert "What is the DX bet?" in engine.prompts[0] and "What is the moat?" in engine.prompts[3]  # each its own
    faulty = judge_product(facts, screens, load_rubrics(), Scripted(ShipcardError("deadline", "retry")), "model")
    assert [r.rationale for r in faulty] == embedded  # an engine fault costs only the model's prose


def test_who_writes_by_default():
    facts, screens = _kestrel()
    local, served = Scripted(), Served()
    judge_product(facts, screens, load_rubrics(), local)  # auto: a local engine is opt-in
    judge_product(facts, screens, load_rubrics(), served)  # auto: a served model writes
    judge_product(facts, screens, load_rubrics(), Served(), "rules")
    assert local.prompts == [] and len(served.prompts) == 4


@pytest.mark.llama
def test_the_tiny_gguf_text_path_writes_or_falls_back():
    pytest.importorskip("llama_cpp")
    from assistant.backends import BackendOptions
    from assistant.backends.llamacpp import LlamaCppBackend
    from assistant.writer import acceptable
    from tests.tiny_models import tiny_gguf_files

    facts, screens = _kestrel()
    engine = LlamaCppBackend(BackendOptions(model=str(tiny_gguf_files()[0])))
    reviews = judge_product(facts, screens, load_rubrics(), engine, "model")
    embedded = _embedded(facts, screens)
    lines = [ln for s in screens for ln in s.lines]
    for review, prose in zip(reviews, embedded, strict=True):  # random weights: kept only if it holds up
        assert review.rationale == prose or acceptable(review.rationale, lines)
