"""What this machine is and which engines can run on it."""

from __future__ import annotations

import os
import platform
from pathlib import Path

import psutil

from .backends import BackendOptions, survey
from .errors import ShipcardError


def hardware() -> dict:
    return {
        "cpu": _cpu_name(),
        "machine": platform.machine(),
        "cores": os.cpu_count() or 1,
        "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "apple_silicon": platform.system() == "Darwin" and platform.machine() == "arm64",
    }


def _cpu_name() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def report(model: str | None = None, base_url: str | None = None, api_key_env: str | None = None) -> dict:
    options = BackendOptions(model=model, base_url=base_url, api_key_env=api_key_env)
    found = survey(options)
    auto = next((b for b in found if b.usable), None)
    return {
        "hardware": hardware(),
        "backends": [b.model_dump() for b in found],
        "auto": f"{auto.name} ({auto.reason})" if auto else "none",
        "tiling": tiling(model, options.tile_budget),
        "server": server(options),
        "kernels": kernels(),
    }


def kernels() -> dict:
    """The CPU's vector extensions against those the installed llama.cpp build uses ({} without llama-cpp-python)."""
    import importlib.util

    if importlib.util.find_spec("llama_cpp") is None:
        return {}
    from .backends.llamacpp.kernels import current

    return current().as_dict()


def server(options: BackendOptions) -> dict:
    """An OpenAI-compatible server's /v1/models when one is configured (--base-url or the environment), else {}."""
    try:
        from .backends.openai import served_models
    except ImportError:
        return {}
    return served_models(options)


PAGE = (1280, 800)  # the size of a typical pricing-page screenshot


def tiling(model: str | None, budget: int) -> list[dict]:
    """For each installed GGUF model: the tiles and image tokens a 1280x800 page gets, stock and at `budget`."""
    try:
        from weights.catalog import entries, find_gguf_pair
    except ImportError:  # the weights package is not installed beside the core
        return []
    pairs = [(e.id, e.folder / e.file("mmproj").name) for e in entries("gguf") if e.installed]
    if model and ("/" in model or Path(model).expanduser().is_dir()):
        try:
            pairs.append((model, find_gguf_pair(Path(model).expanduser()).mmproj))
        except ShipcardError:
            pass
    return [row for name, mmproj in pairs if (row := _tiling_row(name, mmproj, budget))]


def _tiling_row(name: str, mmproj: Path, budget: int) -> dict | None:
    from weights.tiling import read_tiling

    from .backends.llamacpp.tiles import page_tiling

    try:
        head = read_tiling(mmproj)
        stock, at_budget = page_tiling(mmproj, None, PAGE), page_tiling(mmproj, budget, PAGE)
    except (OSError, ValueError):
        return None
    return {
        "model": name, "mmproj": mmproj.name, "long_edge": head.edge or head.derived_edge, "derived": not head.edge,
        "page": "x".join(map(str, PAGE)), "stock_tiles": stock[0], "stock_image_tokens": stock[1],
        "tile_budget": budget, "tiles": at_budget[0], "image_tokens": at_budget[1],
    }
