"""The machine a run was measured on, and each configuration's limit: read bandwidth / weight bytes per token."""

from __future__ import annotations

import platform
import re
import shutil
import subprocess
from pathlib import Path

SIMD_FLAGS = ("avx", "avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16",
              "avx_vnni", "amx_tile", "neon", "asimd", "asimddp", "sve", "sve2", "i8mm", "bf16")


def fingerprint() -> dict:
    """CPU and its vector extensions, cores, RAM, OS, Apple chip, GPU, and the engines' builds."""
    from assistant.doctor import hardware

    info = hardware()
    info["cpu_flags"] = _cpu_flags()
    info["apple_chip"] = _sysctl("machdep.cpu.brand_string") if platform.system() == "Darwin" else None
    info["accelerator"] = _nvidia()
    info["llama_cpp"] = _llama_build()
    info["mlx"] = _version("mlx")
    info["onnxruntime"] = _version("onnxruntime")
    return info


def _cpu_flags() -> list[str]:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        text = (_sysctl("machdep.cpu.features") or "") + " " + (_sysctl("machdep.cpu.leaf7_features") or "")
        if platform.machine() == "arm64":
            text += " neon" + "".join(f" {k}" for k in ("i8mm", "bf16") if _sysctl(f"hw.optional.arm.FEAT_{k.upper()}") == "1")
    found = set(re.findall(r"\b[\w.]+\b", text.lower()))
    if "asimd" in found:
        found.add("neon")
    return [f for f in SIMD_FLAGS if f in found]


def _sysctl(key: str) -> str | None:
    if not shutil.which("sysctl"):
        return None
    done = subprocess.run(["sysctl", "-n", key], capture_output=True, text=True, check=False)
    return done.stdout.strip() or None if done.returncode == 0 else None


def _nvidia() -> str | None:
    if not shutil.which("nvidia-smi"):
        return None
    done = subprocess.run(["nvidia-smi", "--query-gpu=name,memory.total", "--format=csv,noheader"],
                          capture_output=True, text=True, check=False)
    return done.stdout.strip() or None


def _llama_build() -> dict | None:
    try:
        import llama_cpp
    except ImportError:
        return None
    text = llama_cpp.llama_print_system_info()
    return {"version": llama_cpp.__version__, "system_info": text.decode() if isinstance(text, bytes) else str(text)}


def _version(dist: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return None


# ---- the limit ------------------------------------------------------------------------------------


def weights_read_per_token(gguf_path: Path) -> int:
    """Bytes of the text model read for each decoded token: every tensor but the token-embedding table
    (of which one row is gathered per token), unless the output layer is tied to it and reads it whole."""
    from weights.gguf_header import read_header

    tensors = read_header(gguf_path).tensors
    tied = not any(t.name == "output.weight" for t in tensors)
    return sum(int(t.n_bytes) for t in tensors if tied or t.name != "token_embd.weight")


def mlx_weights_read_per_token(folder: Path) -> int:
    """The same for an MLX folder: language-model tensors (weights, scales, biases) but the embeddings."""
    from safetensors import safe_open

    total = 0
    for shard in folder.glob("*.safetensors"):
        with safe_open(str(shard), "numpy") as f:
            for name in f.keys():  # noqa: SIM118 - a safetensors handle, not a dict
                if "language_model" in name and "embed_tokens" not in name:
                    sl = f.get_slice(name)
                    total += _nbytes(sl.get_shape(), sl.get_dtype())
    return total


def _nbytes(shape, dtype: str) -> int:
    size = {"BF16": 2, "F16": 2, "F32": 4, "U32": 4, "I32": 4, "U8": 1, "I8": 1}.get(dtype.upper(), 2)
    n = 1
    for d in shape:
        n *= d
    return n * size


def ceiling(bandwidth_gbs: float, weight_bytes: int) -> float:
    """Decode tokens/s if every token cost exactly one read of the weights at the measured bandwidth."""
    return bandwidth_gbs * 1e9 / weight_bytes if weight_bytes else 0.0
