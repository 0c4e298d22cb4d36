"""What a person can set for an engine: each engine declares its own options class.

`EngineOptions` is the root every engine's options derive from; `ModelOptions` adds what any engine that
runs a model takes (which model, how many tokens), `VLMOptions` what the local vision-language engines
add (tile budget, threads). An engine with settings of its own (the `openai` engine's server URL, key,
deadlines) subclasses one of these next to its code, so no engine's settings show up in another's. `extra="forbid"`: a misspelt option fails where it is made, not later.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

TILE_BUDGET = 1  # the default: on 2 CPU cores the 2.2B card takes ~45 s at 1 tile a page, ~75 s at 2 (benchmarks/README.md)


class EngineOptions(BaseModel):
    """The options every engine takes. The CLI's `-o NAME=VALUE` and its named flags (`--model`, ...) map onto these."""

    model_config = ConfigDict(extra="forbid")

    verbose: bool = Field(False, description="Log what the engine does (model loading, each call).")


class ModelOptions(EngineOptions):
    """The options of an engine that runs a model, here or on a server."""

    model: str | None = Field(None, description="Catalog id or folder holding the model files.")
    max_new_tokens: int = Field(256, ge=16, le=4096, description="Most tokens the model writes per answer.")


class VLMOptions(ModelOptions):
    """The options of an engine that runs a vision-language model on this machine."""

    tile_budget: int = Field(TILE_BUDGET, ge=1, le=13, description="Most image tiles per screenshot sent to a VLM.")
    threads: int | None = Field(None, ge=1, description="CPU threads; default: all cores.")
