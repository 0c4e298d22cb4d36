"""The `llamacpp` backend: SmolVLM2 GGUF through one cached `Engine` per process and model."""

from __future__ import annotations

import os

from ...datamodel import Screen
from ...errors import ShipcardError
from ..base import Availability
from ..options import VLMOptions
from ..vlm import Completion, VLMBackend
from .engine import Engine, cached_engine
from .text import TextEngine, cached_text_engine


class LlamaCppBackend(VLMBackend):
    name = "llamacpp"
    label = "SmolVLM2 on llama.cpp"
    Options = VLMOptions
    priority = 50

    def __init__(self, options: VLMOptions | None = None):
        super().__init__(options)
        self.temperature = 0.0  # greedy by default; tests raise it to sample many seeds
        self.seed = 0

    @classmethod
    def diagnose(cls, options: VLMOptions) -> dict:
        """The kernels the installed llama.cpp build uses against the CPU's, and what is lost ({} without it)."""
        import importlib.util

        if importlib.util.find_spec("llama_cpp") is None:
            return {}
        from .kernels import current

        found = current().as_dict()
        return {"kernels": found["advice"], "build": found["build_tier"], "cpu": found["cpu_tier"],
                "system_info": found["system_info"]}

    @classmethod
    def availability(cls, options: VLMOptions) -> Availability:
        import importlib.util

        if importlib.util.find_spec("llama_cpp") is None:
            return Availability(name=cls.name, usable=False, reason="llama-cpp-python is not installed (pip install 'shipcard[llama]')")
        try:
            pair = _resolve(options.model)
        except ShipcardError as exc:
            return Availability(name=cls.name, usable=False, reason=str(exc))
        if pair.mmproj is None:
            return Availability(name=cls.name, usable=True, reason=f"{pair.model.name} (text only: reads the OCR lines)")
        return Availability(name=cls.name, usable=True, reason=f"{pair.model.name} + {pair.mmproj.name}")

    @property
    def engine(self) -> Engine | TextEngine:
        """The VLM engine for a model + projector pair; the text engine for a text GGUF alone."""
        pair = _resolve(self.options.model)
        threads = self.options.threads or os.cpu_count() or 1
        if pair.mmproj is None:
            return cached_text_engine(str(pair.model), threads, self.options.verbose)
        return cached_engine(str(pair.model), str(pair.mmproj), threads, self.options.tile_budget, self.options.verbose)

    @property
    def reads_images(self) -> bool:
        return self.engine.sees_images

    def complete(self, prompt: str, images: list[Screen], schema: dict, max_tokens: int) -> Completion:
        engine = self.engine
        sent = [engine.prepare(screen) for screen in images] if engine.sees_images else []
        return engine.complete(prompt, sent, schema, max_tokens, self.temperature, self.seed, self.stats)


def _resolve(model: str | None):
    from weights.catalog import resolve_gguf

    return resolve_gguf(model)
