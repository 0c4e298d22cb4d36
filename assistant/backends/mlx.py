"""The MLX engine: SmolVLM2 through mlx-vlm, preferred on Apple Silicon.

On Linux it runs only where `mlx` imports (MLX's CPU backend, `mlx[cpu]`), at a lower priority than
llama.cpp. Facts, criteria, evidence checks and the fallback to the OCR engine's values are those of
every VLM engine (`vlm.VLMBackend`); this module only runs the model.

JSON output: mlx-vlm's `generate` takes logits processors, and mlx-vlm ships an llguidance JSON-schema
processor (`mlx_vlm.structured`) whose token mask is a Metal kernel. Here the mask is applied with plain
MLX ops instead, so decoding is constrained on CPU and GPU alike. Where llguidance is missing or cannot
compile a schema, the answer is made robust instead: the schema goes into the prompt, and an answer that
does not parse gets one repair retry; after that the caller keeps the OCR engine's values.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import platform
import sys
import time
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Any, cast

from ..datamodel import Screen
from ..errors import BackendError, MissingDependencyError, MissingWeightsError, ShipcardError
from .base import Availability
from .options import VLMOptions
from .vlm import Completion, VLMBackend, parse_json

log = logging.getLogger(__name__)

APPLE_SILICON = sys.platform == "darwin" and platform.machine() == "arm64"
REQUIRED_MODULES = ("mlx", "mlx_vlm")


class MlxBackend(VLMBackend[VLMOptions]):
    name = "mlx"
    label = "MLX (mlx-vlm, SmolVLM2)"
    Options = VLMOptions
    priority = 60 if APPLE_SILICON else 40  # llama.cpp (50) wins on Linux, MLX on a Mac
    constrain = True  # schema-constrained decoding where llguidance is installed; False: prompt + repair only

    def __init__(self, options: VLMOptions | None = None):
        super().__init__(options)
        self._loaded: Loaded | None = None
        self.model_path: Path | None = None
        self.constrained: bool | None = None  # None until the first answer: was decoding schema-constrained
        self.temperature = 0.0  # greedy by default; tests and benchmarks raise it to sample many seeds
        self.seed = 0

    @classmethod
    def availability(cls, options: VLMOptions) -> Availability:
        # Off a Mac, MLX is not worth installing or pulling weights for: no hint that sends a person there (unless
        # they named an MLX model), only the engine that runs the same model on this machine.
        off_mac = (f"MLX is for Apple Silicon Macs (this machine: {platform.system()} {platform.machine()}); "
                   "llamacpp runs the same model here")
        missing = missing_module()
        if missing:
            reason = str(MissingDependencyError(missing, "mlx")) if APPLE_SILICON else off_mac
            return Availability(name=cls.name, usable=False, reason=reason)
        try:
            path = resolve_model(options.model)
        except ShipcardError as exc:
            reason = str(exc) if APPLE_SILICON or options.model else off_mac
            return Availability(name=cls.name, usable=False, reason=reason)
        where = "Metal GPU" if APPLE_SILICON else "CPU"
        return Availability(name=cls.name, usable=True, reason=f"mlx-vlm on the {where}, model {path.name}")

    # ---- the one engine method ---------------------------------------------------------------

    def complete(self, prompt: str, images: list[Screen], schema: dict, max_tokens: int) -> Completion:
        loaded = self._load()
        pixels = [self._fit(loaded, screen) for screen in images]
        guide = json_processor(loaded.processor.tokenizer, schema) if self.constrain else None
        self.constrained = guide is not None
        text = prompt if guide else schema_prompt(prompt, schema)
        result = self._generate(text, pixels, max_tokens, guide)
        if guide is None and not _parses(result.text):
            self.stats.count("json_repairs")
            repair = schema_prompt(prompt, schema) + "\nYour last answer was not valid JSON. Answer again with the JSON object only."
            result = self._generate(repair, pixels, max_tokens, None, spent=result)
        if guide is not None:
            self.stats.count("json_constrained")
        return result

    # ---- helpers -----------------------------------------------------------------------------

    def _load(self) -> Loaded:
        if self._loaded is None:
            self.model_path = resolve_model(self.options.model)
            self._loaded = load_model(str(self.model_path))
        return self._loaded

    def _generate(self, prompt: str, pixels: list, max_tokens: int, guide, spent: Completion | None = None) -> Completion:
        from mlx_vlm import apply_chat_template, generate

        loaded = self._load()  # loaded by `complete` already
        model, processor = loaded.model, loaded.processor
        # a str: the template's text (return_messages=False; SmolVLM is not a model answered with one message)
        chat = cast(str, apply_chat_template(processor, model.config, prompt, num_images=len(pixels)))
        started = time.perf_counter()
        try:
            result = generate(
                model, processor, chat, image=pixels or None, max_tokens=max_tokens, temperature=self.temperature, seed=self.seed,
                logits_processors=[guide] if guide else None, skip_special_tokens=True,
                verbose=self.options.verbose,
            )
        except Exception as exc:  # mlx-vlm raises plain ValueErrors (image/token mismatch, bad config)
            raise BackendError(f"MLX generation failed: {exc}") from exc
        done = Completion(
            text=result.text, prompt_tokens=result.prompt_tokens, completion_tokens=result.generation_tokens,
            seconds=time.perf_counter() - started,
        )
        if spent is not None:  # a repair retry: report the work of both calls, the text of the last
            done.prompt_tokens += spent.prompt_tokens
            done.completion_tokens += spent.completion_tokens
            done.seconds += spent.seconds
        return done

    def _fit(self, loaded: Loaded, screen: Screen):
        """The screenshot, with the processor's resize target set so it splits into <= tile_budget tiles."""
        image = screen.loaded.image
        ip = loaded.processor.image_processor
        edge = fit_longest_edge(ip, image.height, image.width, self.options.tile_budget, loaded.max_edge)
        ip.size = {"longest_edge": edge}
        return image


# ---- model files --------------------------------------------------------------------------------


def missing_module() -> str | None:
    """The first of mlx / mlx_vlm that cannot be imported here, without importing it."""
    for name in REQUIRED_MODULES:
        if name in sys.modules and sys.modules[name] is None:
            return "mlx_vlm" if name == "mlx_vlm" else "mlx"
        try:
            if find_spec(name) is None:
                return name
        except (ImportError, ValueError):
            return name
    return None


def resolve_model(spec: str | None) -> Path:
    """`--model FOLDER_OR_ID` (None: the first installed MLX catalog model) as an mlx-vlm model folder."""
    from weights import catalog

    if spec and ("/" in spec or os.sep in spec or Path(spec).expanduser().is_dir()):
        folder = Path(spec).expanduser()
        if not (folder / "config.json").is_file():
            raise MissingWeightsError(f"{folder}: not an MLX model folder (no config.json).",
                                      "Pass a catalog id or a folder made by mlx-vlm (config.json, *.safetensors).")
        return folder
    if spec:
        entry = catalog.get(spec)
    else:
        ranked = sorted(catalog.entries("mlx"), key=lambda e: not e.default)
        entry = next((e for e in ranked if e.installed), None) or catalog.default_entry("mlx")
    if entry.format != "mlx":
        raise ShipcardError(f"Model '{entry.id}' is {entry.format}, not MLX.", "Pick an MLX model for the mlx backend.")
    missing = entry.missing()
    if missing:
        raise MissingWeightsError(f"Model '{entry.id}' is not downloaded ({missing[0].name} missing).", catalog.pull_hint(entry))
    return entry.folder


@dataclass(frozen=True)
class Loaded:
    model: Any  # an mlx-vlm model (mlx.nn.Module)
    processor: Any  # its processor: .tokenizer, .image_processor
    max_edge: int  # the folder's resize target (preprocessor_config size.longest_edge), before any budget


@functools.lru_cache(maxsize=1)
def load_model(path: str) -> Loaded:
    """An mlx-vlm folder, loaded; the last one stays loaded for the next engine instance."""
    try:
        import mlx_vlm.models.smolvlm  # noqa: F401  (mlx-vlm's own SmolVLM processor: no torchvision)
        from mlx_vlm import load
    except ImportError as exc:
        raise MissingDependencyError("mlx_vlm", "mlx") from exc
    try:
        model, processor = load(path)
    except Exception as exc:  # mlx-vlm raises ValueError/KeyError/FileNotFoundError on a bad folder
        raise BackendError(f"MLX could not load {Path(path).name}: {exc}", "Check the folder, or pull the model again.") from exc
    return Loaded(model, processor, int(processor.image_processor.size["longest_edge"]))


def fit_longest_edge(image_processor, height: int, width: int, budget: int, max_edge: int) -> int:
    """The largest resize target (long side, px) at which the image splits into at most `budget` tiles.

    SmolVLM's processor resizes the long side to `size["longest_edge"]`, cuts tiles of
    `max_image_size["longest_edge"]` and adds one downscaled global view when it cuts more than one.
    """
    tile = image_processor.max_image_size["longest_edge"]
    edge = max(max_edge, tile) if budget > 1 else tile
    while edge > tile:
        _, rows, cols = image_processor.get_number_of_image_patches(height, width, {"size": {"longest_edge": edge}})
        if rows * cols <= budget:
            return edge
        edge -= 16
    return tile


# ---- JSON output --------------------------------------------------------------------------------


def json_processor(tokenizer, schema: dict):
    """An llguidance logits processor that keeps decoding inside `schema`, or None where it cannot."""
    if find_spec("llguidance") is None:
        return None
    try:
        from mlx_vlm.structured import build_json_schema_logits_processor

        guide = build_json_schema_logits_processor(tokenizer, closed(schema))
    except Exception as exc:
        log.info("mlx: no constrained decoding for this schema: %s", exc)
        return None
    guide._apply_bitmask = functools.partial(_apply_mask, guide)  # plain MLX ops instead of a Metal kernel
    return guide


def closed(schema: dict) -> dict:
    """A copy of `schema` whose objects allow no keys beyond their properties (JSON Schema allows any by
    default, and a grammar built from it lets a model wander into keys nobody reads until tokens run out)."""
    if isinstance(schema, list):
        return [closed(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {k: closed(v) for k, v in schema.items()}
    if out.get("type") == "object" and "properties" in out:
        out.setdefault("additionalProperties", False)
    return out


def _apply_mask(guide, logits):
    """Set the logits of tokens the grammar forbids to -inf (llguidance's mask: 32 tokens per int32)."""
    import mlx.core as mx

    words = mx.view(guide._fill_next_token_mask(), mx.uint32)
    if logits.ndim == 1:
        logits = logits[None, :]
    bits = mx.right_shift(words[:, :, None], mx.arange(32, dtype=mx.uint32)) & 1
    allowed = bits.reshape(bits.shape[0], -1)[:, : logits.shape[-1]]
    if allowed.shape[-1] < logits.shape[-1]:  # tokens past the tokenizer's table (padded vocab): never
        allowed = mx.pad(allowed, [(0, 0), (0, logits.shape[-1] - allowed.shape[-1])])
    return mx.where(allowed.astype(mx.bool_), logits, -mx.inf)


def schema_prompt(prompt: str, schema: dict) -> str:
    """The prompt with the schema spelled out, for decoding that nothing constrains."""
    return (
        prompt
        + "\nReply with one JSON object and nothing else. It must match this JSON schema:\n"
        + json.dumps(schema, separators=(",", ":"))
    )


def _parses(text: str) -> bool:
    try:
        parse_json(text)
    except BackendError:
        return False
    return True
