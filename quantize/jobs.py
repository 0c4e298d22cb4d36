"""One quantization run: convert into a staged folder, smoke-test it, then move it into place.

A run that fails anywhere, the smoke test included, leaves nothing at OUT.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import BackendError
from assistant.examples import FOLDER as EXAMPLES

from . import gguf as gguf_tools
from . import mlx as mlx_tools
from .staging import size_of, staged_folder

EXAMPLE = EXAMPLES / "kestrel-coder" / "landing.png"
SMOKE_PROMPT = "Is this a screenshot of a web page? Answer as JSON."
SMOKE_SCHEMA = {"type": "object", "properties": {"m": {"type": "string", "enum": ["yes", "no", "unknown"]}}, "required": ["m"]}


@dataclass
class Result:
    kind: str  # "gguf" | "mlx"
    variant: str  # "q4_0", "4bit-g64", ...
    src: Path
    out: Path
    bytes_before: int
    bytes_after: int
    seconds: float
    smoke: dict = field(default_factory=dict)  # the model's answer to SMOKE_PROMPT, and its timing

    def as_dict(self) -> dict:
        return {**self.__dict__, "src": str(self.src), "out": str(self.out)}


def gguf(src: Path, qtype: str, out: Path, *, mmproj_q8: bool = False, smoke: bool = True, overwrite: bool = False) -> Result:
    """Quantize a GGUF pair into folder `out`; the llama.cpp backend must answer from it before it lands."""
    started = time.perf_counter()
    model, mmproj = gguf_tools.find_pair(src)
    before = size_of(model) + (size_of(mmproj) if mmproj else 0)
    with staged_folder(out, overwrite=overwrite) as tmp:
        gguf_tools.quantize_pair(src, qtype, tmp, mmproj_to_q8=mmproj_q8)
        answer = smoke_test("llamacpp", tmp) if smoke else {}
        after = size_of(tmp)
    return Result("gguf", qtype, Path(src), Path(out), before, after, time.perf_counter() - started, answer)


def mlx(src: Path, bits: int, out: Path, *, group_size: int = 64, smoke: bool = True, overwrite: bool = False) -> Result:
    """Quantize an mlx-vlm folder into folder `out`; the MLX backend must answer from it before it lands."""
    started = time.perf_counter()
    before = size_of(Path(src))
    with staged_folder(out, overwrite=overwrite) as tmp:
        tmp.rmdir()  # mlx-vlm's convert creates its output folder itself
        mlx_tools.quantize_folder(src, tmp, bits, group_size)
        answer = smoke_test("mlx", tmp) if smoke else {}
        after = size_of(tmp)
    return Result("mlx", f"{bits}bit-g{group_size}", Path(src), Path(out), before, after, time.perf_counter() - started, answer)


def smoke_test(backend: str, model_dir: Path) -> dict:
    """Load `model_dir` in `backend` and get one schema-constrained answer about an example screenshot."""
    from assistant.backends import BackendOptions, choose
    from assistant.backends.vlm import parse_json

    engine = choose(backend, BackendOptions(model=str(model_dir), tile_budget=1, max_new_tokens=32))
    started = time.perf_counter()
    try:
        completion = engine.complete(SMOKE_PROMPT, [example_screen()], SMOKE_SCHEMA, 24)
        answer = parse_json(completion.text)
    finally:
        close = getattr(engine, "close", None)
        if callable(close):
            close()
    if answer.get("m") not in ("yes", "no", "unknown"):
        raise BackendError(f"Smoke test failed: {backend} answered {completion.text[:80]!r}.", "The quantized model is not usable.")
    return {"answer": answer, "seconds": round(time.perf_counter() - started, 3), "prompt_tokens": completion.prompt_tokens}


def example_screen():
    """A shipped example screenshot (a plain white page where it is missing)."""
    from PIL import Image

    from assistant.datamodel import LoadedImage, Screen
    from assistant.images import load_image

    if EXAMPLE.is_file():
        return Screen(loaded=load_image(EXAMPLE))
    image = Image.new("RGB", (640, 400), "white")
    return Screen(loaded=LoadedImage(name="blank.png", image=image, sha256=hashlib.sha256(image.tobytes()).hexdigest()))
