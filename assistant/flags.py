"""The CLI's shared options, defined once: every command that takes one takes it from here.

Engine options: each engine declares its own (assistant/backends/options.py); `-o NAME=VALUE` sets any of
them, and the named flags below are aliases of the common ones (`--tiles` is `-o tile_budget=N`). Which
engines exist, and what each takes, comes from the registry (`shipcard doctor` lists both), never from here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from .backends.options import TILE_BUDGET
from .errors import ShipcardError

if TYPE_CHECKING:
    from .writer import Rationale

# ---- the engine and its options -------------------------------------------------------------------

BackendOpt = Annotated[str, typer.Option(
    "--backend", "-b", help="The engine: auto (the best usable here) or a name `shipcard doctor` lists.")]
ModelOpt = Annotated[str | None, typer.Option(
    "--model", "-m", help="Catalog id, folder holding the model files, or a served model's name.")]
TilesOpt = Annotated[int, typer.Option("--tiles", help="Most image tiles per screenshot sent to a VLM.", min=1, max=13)]
BaseUrlOpt = Annotated[str | None, typer.Option(
    "--base-url", help="--backend openai: the server, e.g. http://127.0.0.1:8080/v1 (default: SHIPCARD_OPENAI_BASE_URL from the environment).")]
ApiKeyEnvOpt = Annotated[str | None, typer.Option(
    "--api-key-env", help="--backend openai: environment variable holding the server's API key.")]
EngineOpt = Annotated[list[str] | None, typer.Option(
    "--option", "-o", metavar="NAME=VALUE", help="An engine option (repeat for more); `shipcard doctor` lists each "
    "engine's.")]
# the named flags, as the engine options they set (a key absent from an engine's options is another engine's)
ALIASES = {"model": "--model", "tile_budget": "--tiles", "base_url": "--base-url", "api_key_env": "--api-key-env"}

# ---- the run and its card ---------------------------------------------------------------------------

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text (a card's: see `shipcard schema`).")]
OutOpt = Annotated[Path, typer.Option("--out", help="Folder for the card files.")]
FormatOpt = Annotated[str, typer.Option("--format", help="Comma-separated: html,md,json,png.")]
NoSaveOpt = Annotated[bool, typer.Option("--no-save", help="Do not keep the card in the local history.")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Log why each engine was chosen or skipped.")]
RubricsOpt = Annotated[Path | None, typer.Option("--rubrics", help="Folder of reviewer .toml files to add or replace.")]
RationaleOpt = Annotated[str, typer.Option(
    "--rationale", help="Who writes the reviews: auto (a served model does, else the rules), model (the engine, "
    "opt-in on a local CPU: tens of seconds), rules.")]
RATIONALES = ("auto", "model", "rules")

# ---- pages captured from a URL (assistant/capture/) ----------------------------------------------------

AllowLocalOpt = Annotated[bool, typer.Option(
    "--allow-local", help="Let a URL capture reach this machine and your network (loopback, private addresses).")]
NoJsOpt = Annotated[bool, typer.Option("--no-js", help="Capture URLs with the page's JavaScript turned off.")]
FollowOpt = Annotated[str, typer.Option(
    "--follow", help="Comma-separated: also capture the page's pricing and/or features link (pricing,features).")]
MaxHeightOpt = Annotated[int, typer.Option(
    "--max-height", help="A captured page stops this many CSS px down (the card says where).", min=800, max=20000)]
CaptureTimeoutOpt = Annotated[float, typer.Option(
    "--capture-timeout", help="Seconds a URL's page may take to load and be captured.", min=1, max=600)]
ViewportOpt = Annotated[str, typer.Option(
    "--viewport", help="The capture's viewport in CSS px, WIDTHxHEIGHT or WIDTHxHEIGHT@SCALE: 1280x800@2.")]


def capture_options(allow_local: bool = False, no_js: bool = False, follow: str = "", max_height: int = 8000,
                    timeout_s: float = 30.0, viewport: str = "1280x800"):
    """The capture flags as `CaptureOptions`; a bad --viewport or --follow fails now, in one line."""
    from .capture.browser import FOLLOWABLE, CaptureOptions

    m = re.fullmatch(r"\s*(\d+)\s*x\s*(\d+)\s*(?:@\s*(\d+(?:\.\d+)?))?\s*", viewport)
    if not m:
        raise ShipcardError(f"--viewport '{viewport}' is not WIDTHxHEIGHT[@SCALE].", "Example: --viewport 1280x800@2")
    kinds = tuple(k.strip().lower() for k in follow.split(",") if k.strip())
    unknown = [k for k in kinds if k not in FOLLOWABLE]
    if unknown:
        raise ShipcardError(f"Unknown --follow {', '.join(unknown)}.", f"Choose from {','.join(FOLLOWABLE)}.")
    try:
        return CaptureOptions(width=int(m.group(1)), height=int(m.group(2)), scale=float(m.group(3) or 1),
                              max_height=max_height, timeout_s=timeout_s, javascript=not no_js,
                              allow_local=allow_local, follow=kinds)
    except ValueError as exc:  # pydantic's ValidationError: a width or scale out of range
        raise ShipcardError(f"--viewport '{viewport}' is out of range ({_first_error(exc)}).",
                            "Width 320-3840, height 240-4000, scale 1-3.") from None


def _first_error(exc: Exception) -> str:
    errors = getattr(exc, "errors", None)
    first = errors()[0] if callable(errors) and errors() else {}
    return f"{'.'.join(map(str, first.get('loc', ())))}: {first.get('msg', exc)}"


# ---- Claude -------------------------------------------------------------------------------------------

CLAUDE_TIMEOUT_S = 120.0
EscalateOpt = Annotated[bool, typer.Option("--escalate", help="Also ask Claude (shows what is sent, asks first).")]
YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Send to Claude without asking first.")]
ClaudeModelOpt = Annotated[str | None, typer.Option(
    "--claude-model", help="Claude model (default: SHIPCARD_CLAUDE_MODEL from the environment, else claude-sonnet-5-5).")]
ClaudeTimeoutOpt = Annotated[float, typer.Option(
    "--claude-timeout", help="Deadline in seconds for the whole Claude call: every read, retry and wait.", min=1,
    max=3600)]


def engine_settings(backend: str, options: list[str] | None = None, **named: object) -> dict[str, object]:
    """What the person set for the engine: the named flags (None: not given) and each `-o NAME=VALUE`.

    A `-o` name must be an option of the engine named (of some engine, for auto); each engine takes the
    part of the rest that it declares (assistant.backends.base.Backend.options_from).
    """
    from .backends import check_option_names

    settings = {key: value for key, value in named.items() if value is not None}
    given = dict(_pair(text) for text in options or [])
    check_option_names(backend, given)
    return settings | given


def _pair(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise ShipcardError(f"-o '{text}' is not NAME=VALUE.", "Example: -o max_new_tokens=128")
    return name.strip(), value.strip()


def formats(text: str) -> list[str]:
    """`--format html,md`: a typo fails now, not after the run."""
    from .card import FORMATS

    wanted = [f.strip().lower() for f in text.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise ShipcardError(f"Unknown format {', '.join(unknown)}.", f"Choose from {','.join(FORMATS)}.")
    return wanted


def rationale(value: str) -> Rationale:
    if value not in RATIONALES:
        raise ShipcardError(f"Unknown --rationale '{value}'.", "Choose auto, model or rules.")
    return cast("Rationale", value)  # one of RATIONALES


__all__ = [
    "ALIASES",
    "CLAUDE_TIMEOUT_S",
    "TILE_BUDGET",
    "AllowLocalOpt",
    "ApiKeyEnvOpt",
    "BackendOpt",
    "BaseUrlOpt",
    "CaptureTimeoutOpt",
    "ClaudeModelOpt",
    "ClaudeTimeoutOpt",
    "EngineOpt",
    "EscalateOpt",
    "FollowOpt",
    "FormatOpt",
    "JsonOpt",
    "MaxHeightOpt",
    "ModelOpt",
    "NoJsOpt",
    "NoSaveOpt",
    "OutOpt",
    "RationaleOpt",
    "RubricsOpt",
    "TilesOpt",
    "VerboseOpt",
    "ViewportOpt",
    "YesOpt",
    "capture_options",
    "engine_settings",
    "formats",
    "rationale",
]
