"""What this machine is and which engines can run on it."""

from __future__ import annotations

import contextlib
import os
import platform
from collections.abc import Mapping
from pathlib import Path

import psutil

from .backends import TILE_BUDGET, describe_options, engine_class, survey
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


def report(settings: Mapping[str, object] | None = None) -> dict:
    """`settings`: what the person set for the engines (model, base_url, ...), as `--backend auto` would take them."""
    settings = dict(settings or {})
    found = survey(settings)
    auto = next((b for b in found if b.usable), None)
    return {
        "hardware": hardware(),
        "backends": [{**b.model_dump(), **engine_info(b.name, settings)} for b in found],
        "auto": f"{auto.name} ({auto.reason})" if auto else "none",
        "tiling": tiling(_text(settings.get("model")), int(str(settings.get("tile_budget") or TILE_BUDGET))),
    }


def engine_info(name: str, settings: Mapping[str, object]) -> dict:
    """What the registry says of an engine: its options and what it reports itself (a server's models)."""
    try:
        cls = engine_class(name)
    except ShipcardError:  # an engine that cannot be loaded: its reason is already in the survey
        return {"label": name, "options": [], "details": {}}
    try:
        details = cls.diagnose(cls.options_from(settings))
    except ShipcardError as exc:  # a bad option value: said here, the options still listed
        details = {"error": str(exc)}
    return {"label": cls.label, "options": describe_options(cls), "details": details}


PAGE = (1280, 800)  # the size of a typical pricing-page screenshot


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def tiling(model: str | None, budget: int) -> list[dict]:
    """For each installed GGUF model: the tiles and image tokens a 1280x800 page gets, stock and at `budget`."""
    try:
        from weights.catalog import entries, find_gguf_pair
    except ImportError:  # the weights package is not installed beside the core
        return []
    pairs: list[tuple[str, Path | None]] = [(e.id, e.folder / e.need("mmproj").name)
                                           for e in entries("gguf") if e.installed]
    if model and ("/" in model or Path(model).expanduser().is_dir()):
        with contextlib.suppress(ShipcardError):
            pairs.append((model, find_gguf_pair(Path(model).expanduser()).mmproj))
    return [row for name, mmproj in pairs if mmproj and (row := _tiling_row(name, mmproj, budget))]


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
