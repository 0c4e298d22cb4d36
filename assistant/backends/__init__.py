"""Engines: the seam (base.py), their options (options.py), and the one registry (registry.py).

Every engine, built-in or third-party, is an entry point of the `shipcard.engines` group; `choose("auto")`
takes the usable engine with the highest priority and records why each other one was skipped.
"""

from __future__ import annotations

from .base import Availability, Backend, BackendOptions, JudgeAnswer, JudgeRequest
from .options import TILE_BUDGET, EngineOptions, ModelOptions, VLMOptions
from .registry import EMBEDDED, check_option_names, choose, describe_options, engine_class, names, survey

__all__ = [
           "EMBEDDED",
           "TILE_BUDGET",
           "Availability",
           "Backend",
           "BackendOptions",
           "EngineOptions",
           "JudgeAnswer",
           "JudgeRequest",
           "ModelOptions",
           "VLMOptions",
           "check_option_names",
           "choose",
           "describe_options",
           "engine_class",
           "names",
           "survey",
]
