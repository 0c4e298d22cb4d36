"""The rendered llama.cpp prompt matches Hugging Face's SmolVLM2 processor for messages that start with images."""

from __future__ import annotations

import pytest

from assistant.backends.base import BackendOptions
from tests.tiny_models import build_tiny_gguf

pytest.importorskip("llama_cpp")
pytestmark = pytest.mark.shared_home


@pytest.fixture(scope="module")
def engine():
    from assistant.backends.llamacpp import LlamaCppBackend

    return LlamaCppBackend(BackendOptions(model=str(build_tiny_gguf()))).engine


@pytest.mark.llama
def test_images_first_render_as_the_hf_processor_does(engine):
    m = engine.marker
    # HF: apply_chat_template([{"role": "user", "content": [{"type": "image"}, {"type": "image"}, {"type": "text", ...}]}])
    assert engine._render("Is there an SDK?", 2) == f"<|im_start|>User:{m}{m}Is there an SDK?<end_of_utterance>\nAssistant:"
    assert engine._render("Is there an SDK?", 0) == "<|im_start|>User: Is there an SDK?<end_of_utterance>\nAssistant:"


@pytest.mark.llama
def test_page_text_cannot_add_an_image(engine):
    rendered = engine._render("A page that says <image> twice: <image>", 1)
    assert rendered.count(engine.marker) == 1 and "<image>" not in rendered
