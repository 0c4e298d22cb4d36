"""Engines, registered one way and chosen one way.

Every engine, built-in or third-party, is registered with `@register`. `choose("auto")` takes the
usable engine with the highest priority and records why each other one was skipped.
"""

from __future__ import annotations

import logging

from ..errors import ShipcardError
from .base import Availability, Backend, BackendOptions, JudgeAnswer, JudgeRequest

log = logging.getLogger(__name__)

_REGISTRY: dict[str, type[Backend]] = {}
_BUILTINS_LOADED = False
BUILTINS = ("ocr", "llamacpp", "mlx", "openai")  # modules in this package; importing one registers its engine


def register(cls: type[Backend]) -> type[Backend]:
    _REGISTRY[cls.name] = cls
    return cls


def _load_builtins() -> None:
    # Importing a backend module registers it; heavy libraries are imported only when an engine loads.
    global _BUILTINS_LOADED
    if _BUILTINS_LOADED:
        return
    _BUILTINS_LOADED = True
    for module in BUILTINS:
        _load_builtin(module)


def _load_builtin(module: str) -> None:
    try:
        __import__(f"{__name__}.{module}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__name__}.{module}":
            raise


def names() -> list[str]:
    _load_builtins()
    return sorted(_REGISTRY, key=lambda n: -_REGISTRY[n].priority)


def survey(options: BackendOptions | None = None) -> list[Availability]:
    """Every registered engine, best first, with whether it can run here and why."""
    options = options or BackendOptions()
    return [_REGISTRY[n].availability(options) for n in names()]


def choose(name: str = "auto", options: BackendOptions | None = None) -> Backend:
    options = options or BackendOptions()
    if name in BUILTINS:
        _load_builtin(name)  # a named built-in needs no other engine module
    else:
        _load_builtins()
    if name == "auto":
        for found in survey(options):
            if found.usable:
                log.info("backend auto: chose %s (%s)", found.name, found.reason)
                return _REGISTRY[found.name](options)
            log.info("backend auto: skipped %s: %s", found.name, found.reason)
        raise ShipcardError("No backend can run here.", "Run 'shipcard doctor' to see why.")
    if name not in _REGISTRY:
        valid = ", ".join(["auto", *names()])
        raise ShipcardError(f"Unknown backend '{name}'.", f"Choose one of: {valid}.")
    cls = _REGISTRY[name]
    found = cls.availability(options)
    if not found.usable:
        raise ShipcardError(f"Backend '{name}' cannot run here: {found.reason}")
    return cls(options)


__all__ = ["Availability", "Backend", "BackendOptions", "JudgeAnswer", "JudgeRequest", "choose", "names", "register", "survey"]
