"""The sentence frame a local engine fills: the reviewer's own sentences (its TOML voice) around the model's claim,
one cited quote chosen by the schema's enum, and the other side; echoes and loops fall back to the embedded prose."""

from __future__ import annotations

from assistant.judge import judge_product
from assistant.rubrics import load_rubrics
from assistant.writer import acceptable, schema
from tests.example_card import example
from tests.test_writer import Scripted


def _kestrel():
    comparison, screens = example()
    return comparison.products[1].facts, screens[1]


def _builder(answer):
    facts, screens = _kestrel()
    engine = Scripted(answer)
    rubric = [r for r in load_rubrics() if r.id == "builder"]
    embedded = judge_product(facts, screens, rubric, None)[0].rationale
    review = judge_product(facts, screens, rubric, engine, "model")[0]
    return review, embedded, engine, [ln for s in screens for ln in s.lines]


def test_a_filled_frame_reads_in_the_reviewers_voice_with_a_cited_quote():
    facts, screens = _kestrel()
    review = judge_product(facts, screens, load_rubrics(), None)[0]
    cited = [c.evidence[0].text for c in review.criteria if c.evidence]
    frame = schema(review, True)
    assert frame["properties"]["evidence"]["enum"] == list(dict.fromkeys(cited)) and "rationale" not in frame["properties"]
    answer = {"claim": "it hands you a model you can run on your own box", "evidence": cited[0],
              "other": "nothing shows how fast it answers on a laptop"}
    kept, embedded, engine, lines = _builder(answer)
    assert kept.rationale != embedded and acceptable(kept.rationale, lines, cited)
    assert kept.rationale.startswith("The decision that earns Kestrel Coder the ship: it hands you")  # builder.toml
    assert f"“{cited[0]}”" in kept.rationale and '"claim"' in engine.prompts[0]


def test_echoes_loops_and_scraps_fall_back_to_the_embedded_prose():
    facts, screens = _kestrel()
    review = judge_product(facts, screens, load_rubrics(), None)[0]
    quote = review.criteria[0].evidence[0].text
    for answer in ({"claim": "a few words of your own, the decisive reason", "evidence": quote, "other": "it runs locally today"},
                   {"claim": "The decision that earns Kestrel Coder the ship", "evidence": quote, "other": "no benchmark at all"},
                   {"claim": "a business that is a business that is a business that is a brand", "evidence": quote, "other": "no benchmark at all"},
                   {"claim": "claims", "evidence": quote, "other": "the other way"},
                   {"claim": "it runs on your own machine", "evidence": quote, "other": "it runs on your own machine"}):
        kept, embedded, _, _ = _builder(answer)
        assert kept.rationale == embedded, answer
