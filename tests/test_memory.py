"""Memory of the llama.cpp engine: nothing keeps a dropped engine's model and KV cache alive, and repacked
weights are not held twice."""

from __future__ import annotations

import gc
import weakref

import pytest

pytest.importorskip("llama_cpp")

pytestmark = [pytest.mark.llama, pytest.mark.shared_home]


def test_a_dropped_engine_frees_its_model_and_kv_cache():
    from assistant.backends.base import BackendOptions
    from assistant.backends.llamacpp import LlamaCppBackend, cached_engine
    from assistant.backends.vlm import JUDGE_SCHEMA, VLMStats
    from quantize import jobs
    from tests.tiny_models import build_tiny_gguf

    cached_engine.cache_clear()
    engine = LlamaCppBackend(BackendOptions(model=str(build_tiny_gguf()), tile_budget=1)).engine
    engine.complete("Name?", [engine.prepare(jobs.example_screen())], JUDGE_SCHEMA, 4, 0.0, 0, VLMStats())
    model = weakref.ref(engine.llama)
    del engine
    cached_engine.cache_clear()
    gc.collect()
    assert model() is None, [type(r).__name__ for r in gc.get_referrers(model())]


def test_weights_are_read_not_mapped_where_they_are_repacked(tiny_gguf):
    import llama_cpp

    from assistant.backends.llamacpp.kernels import current, load_llama

    model = next(p for p in tiny_gguf.glob("*.gguf") if "mmproj" not in p.name)
    llama = load_llama(llama_cpp, model_path=str(model), n_ctx=256, verbose=False)
    loaded = llama.shipcard_loaded
    assert loaded.extra_bufts == current().extra_bufts
    if loaded.buffers:  # logged where the log is silenced (runtime.silence), as the engines do
        assert ("CPU_Mapped" in loaded.buffers) != loaded.extra_bufts, loaded.buffers
    llama.close()
