"""The engine registry: every engine, built-in or a third party's, is an entry point of `shipcard.engines`.

    [project.entry-points."shipcard.engines"]
    ocr = "assistant.backends.ocr:OcrBackend"

shipcard's own engines are registered in its pyproject.toml exactly so; another package adds one by
declaring an entry point of its own (see docs/backends.md). The name is what `--backend` takes; the
class is imported only when its engine is listed or chosen, and its heavy libraries only when it runs.
`choose("auto")` takes the usable engine with the highest priority and logs why each other was skipped.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Mapping
from importlib.metadata import EntryPoint, distributions

from ..errors import ShipcardError
from .base import Availability, Backend, EngineOptions

log = logging.getLogger(__name__)

GROUP = "shipcard.engines"
EMBEDDED = "ocr"  # the engine inside the core wheel (no weights): it answers questions about cards made by rules
Settings = EngineOptions | Mapping[str, object] | None  # what a person set; each engine takes the part it declares

_LOADED: dict[str, type[Backend]] = {}


@functools.cache
def _entry_points() -> dict[str, EntryPoint]:
    # Every distribution is read, as pluggy does: `entry_points()` keeps one per project name, and a stale
    # shipcard.egg-info in the working folder (written by an old `pip install -e .`) would hide the installed one.
    found: dict[str, EntryPoint] = {}
    for dist in distributions():
        for ep in dist.entry_points.select(group=GROUP):
            found.setdefault(ep.name, ep)  # the first on sys.path wins, as an import would
    if not found:
        raise ShipcardError(f"No engine is registered (the '{GROUP}' entry points are missing).",
                            "Reinstall shipcard: pip install --force-reinstall shipcard (or pip install -e .).")
    return found


def engine_class(name: str) -> type[Backend]:
    """The engine registered as `name`, imported on first use; a miss lists the valid names."""
    if name not in _LOADED:
        found = _entry_points()
        if name not in found:
            raise ShipcardError(f"Unknown backend '{name}'.", f"Choose one of: {', '.join(['auto', *sorted(found)])}.")
        _LOADED[name] = _load(found[name])
    return _LOADED[name]


def _load(ep: EntryPoint) -> type[Backend]:
    where = f"the package that provides it ({ep.dist.name})" if ep.dist else "the package that provides it"
    try:
        cls = ep.load()
    except ImportError as exc:  # an engine keeps its heavy imports inside: this is a broken install
        raise ShipcardError(f"Engine '{ep.name}' cannot be loaded ({exc}).", f"Reinstall {where}.") from None
    if not (isinstance(cls, type) and issubclass(cls, Backend)) or getattr(cls, "name", None) != ep.name:
        raise ShipcardError(f"Entry point '{ep.name}' ({ep.value}) is not a shipcard engine named '{ep.name}'.",
                            f"Fix or uninstall {where}.")
    return cls


def names() -> list[str]:
    """Every registered engine, best first (an engine that cannot be loaded last)."""
    def rank(name: str) -> tuple[float, str]:
        try:
            return -engine_class(name).priority, name
        except ShipcardError:
            return float("inf"), name

    return sorted(_entry_points(), key=rank)


def survey(settings: Settings = None) -> list[Availability]:
    """Every registered engine, best first, with whether it can run here and why."""
    return [_availability(name, settings) for name in names()]


def _availability(name: str, settings: Settings) -> Availability:
    try:
        cls = engine_class(name)
        return cls.availability(cls.options_from(settings))
    except ShipcardError as exc:
        return Availability(name=name, usable=False, reason=str(exc))


def choose(name: str = "auto", settings: Settings = None) -> Backend:
    """The engine `name` (or the best usable one for "auto") with its part of `settings`; ShipcardError if none."""
    if name == "auto":
        return _best(settings)
    cls = engine_class(name)
    options = cls.options_from(settings)
    found = cls.availability(options)
    if not found.usable:
        raise ShipcardError(f"Backend '{name}' cannot run here: {found.reason}")
    return cls(options)


def _best(settings: Settings) -> Backend:
    for found in survey(settings):
        if found.usable:
            log.info("backend auto: chose %s (%s)", found.name, found.reason)
            cls = engine_class(found.name)
            return cls(cls.options_from(settings))
        log.info("backend auto: skipped %s: %s", found.name, found.reason)
    raise ShipcardError("No backend can run here.", "Run 'shipcard doctor' to see why.")


def check_option_names(name: str, wanted: Iterable[str]) -> None:
    """`-o NAME=VALUE` names the chosen engine declares (any engine's, for auto); else one line listing them."""
    engines = names() if name == "auto" else [name]
    known = {option for engine in engines for option in _declared(engine)}
    unknown = sorted(set(wanted) - known)
    if unknown:
        whose = "any engine" if name == "auto" else f"engine '{name}'"
        raise ShipcardError(f"'{unknown[0]}' is not an option of {whose}.", f"Options: {', '.join(sorted(known))}.")


def _declared(name: str) -> list[str]:
    try:
        return list(engine_class(name).Options.model_fields)
    except ShipcardError:
        return []


def describe_options(cls: type[Backend]) -> list[dict]:
    """An engine's options as `doctor` and the UI list them: name, type, default, description."""
    return [{"name": key, "type": _type_name(field.annotation), "default": field.default,
             "description": field.description or ""} for key, field in cls.Options.model_fields.items()]


def _type_name(annotation: object) -> str:
    text = getattr(annotation, "__name__", None) or str(annotation)
    return text.replace("typing.", "").replace("Optional", "").replace(" | None", "")
