"""Quantize an mlx-vlm model folder (or a Hugging Face SmolVLM2 checkpoint folder) with mlx-vlm's convert.

mlx-vlm keeps the vision tower and projector at full precision and quantizes the text model's linear
and embedding layers; a layer whose input width is not a multiple of the group size stays as it was.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

from assistant.errors import BackendError, BadInputError, MissingDependencyError

BITS = (4, 8)
GROUP_SIZES = (32, 64, 128)


def quantize_folder(src: Path, out: Path, bits: int = 4, group_size: int = 64, *, verbose: bool = False) -> Path:
    """Write `src` quantized to `bits` into folder `out` (which must not exist yet; convert creates it)."""
    src = Path(src)
    if not (src / "config.json").is_file():
        raise BadInputError(f"{src}: not a model folder (no config.json).", "Pass the folder that holds config.json and *.safetensors.")
    if bits not in BITS:
        raise BadInputError(f"--bits {bits} is not supported.", f"Choose one of: {', '.join(map(str, BITS))}.")
    if group_size not in GROUP_SIZES:
        raise BadInputError(f"--group-size {group_size} is not supported.", f"Choose one of: {', '.join(map(str, GROUP_SIZES))}.")
    if json.loads((src / "config.json").read_text()).get("quantization"):
        raise BadInputError(f"{src} is already quantized.", "Start from the bf16/f16/f32 folder.")
    try:
        import mlx_vlm.models.smolvlm  # noqa: F401  (registers mlx-vlm's own SmolVLM processor first)
        from mlx_vlm.convert import convert
    except ImportError as exc:
        raise MissingDependencyError("mlx_vlm", "mlx") from exc
    quiet = contextlib.nullcontext() if verbose else contextlib.redirect_stdout(io.StringIO())
    try:
        with quiet:
            convert(str(src), str(out), quantize=True, q_bits=bits, q_group_size=group_size)
    except Exception as exc:  # convert raises bare ValueError/KeyError on odd inputs
        raise BackendError(f"mlx-vlm could not quantize {src.name}: {exc}") from exc
    return Path(out)


def quantization_of(folder: Path) -> dict | None:
    """The {"bits", "group_size", ...} block of a quantized folder's config.json, None when not quantized."""
    return json.loads((Path(folder) / "config.json").read_text()).get("quantization")
