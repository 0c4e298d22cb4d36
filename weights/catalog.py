"""The models shipcard knows, where their files live on disk, and how `--model` resolves.

The catalog is data (`catalog.toml`, next to this file). Each model lives in `<models dir>/<id>/`;
the models dir is `$SHIPCARD_HOME/models`, else the platform's user data dir + `/models`.
"""

from __future__ import annotations

import functools
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from common.errors import MissingWeightsError, ShipcardError

from .home import models_dir

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the same parser as a package (pyproject.toml)
    import tomli as tomllib

CATALOG_FILE = Path(__file__).with_name("catalog.toml")
MANIFEST = "shipcard-manifest.json"  # written by `weights pull`: what was downloaded, with sizes and digests


@dataclass(frozen=True)
class WeightFile:
    role: str  # "model", "mmproj", or "file" (an MLX folder's config, tokenizer, ...)
    name: str
    size: int | None = None
    sha256: str | None = None
    sha256_prefix: str | None = None  # the start of the published file's sha256, where only that is known


@dataclass(frozen=True)
class ModelEntry:
    id: str
    label: str
    format: str  # "gguf" | "mlx"
    repo: str
    files: tuple[WeightFile, ...] = field(default_factory=tuple)
    default: bool = False

    @property
    def folder(self) -> Path:
        return models_dir() / self.id

    def file(self, role: str) -> WeightFile | None:
        return next((f for f in self.files if f.role == role), None)

    def need(self, role: str) -> WeightFile:
        """The file of `role`, which the catalog must list for this entry."""
        found = self.file(role)
        if found is None:
            raise ShipcardError(f"The catalog lists no {role} file for model '{self.id}'.", "Check weights/catalog.toml.")
        return found

    def missing(self) -> list[WeightFile]:
        return [f for f in self.files if not (self.folder / f.name).is_file()]

    @property
    def installed(self) -> bool:
        return not self.missing()


@dataclass(frozen=True)
class GgufPair:
    """A llama.cpp model: the text model GGUF and its vision projector (mmproj) GGUF; no projector: the text path."""

    model: Path
    mmproj: Path | None
    entry: ModelEntry | None = None


@functools.lru_cache(maxsize=1)
def _load(path: Path = CATALOG_FILE) -> tuple[ModelEntry, ...]:
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    return tuple(_entry(raw) for raw in data.get("model", []))


def _entry(raw: dict) -> ModelEntry:
    files = tuple(WeightFile(**f) for f in raw.get("files", []))
    known = {"id", "label", "format", "repo", "default"}
    return ModelEntry(files=files, **{k: v for k, v in raw.items() if k in known})


def entries(format: str | None = None) -> list[ModelEntry]:
    """Catalog entries in file order, optionally of one format ("gguf", "mlx")."""
    return [e for e in _load() if format is None or e.format == format]


def get(model_id: str) -> ModelEntry:
    for entry in _load():
        if entry.id == model_id:
            return entry
    valid = ", ".join(e.id for e in _load())
    raise ShipcardError(f"Unknown model '{model_id}'.", f"Choose one of: {valid} (see 'shipcard weights list').")


def default_entry(format: str = "gguf") -> ModelEntry:
    found = entries(format)
    if not found:
        raise ShipcardError(f"The catalog lists no {format} model.")
    return next((e for e in found if e.default), found[0])


def pull_hint(entry: ModelEntry) -> str:
    return f"Run 'shipcard weights pull {entry.id}', or copy {', '.join(f.name for f in entry.files)} into {entry.folder}."


def resolve_gguf(spec: str | None = None) -> GgufPair:
    """`--model DIR_OR_ID` (None: the default catalog model) as a GGUF pair on disk, or MissingWeightsError.

    `--model FILE.gguf` names a text model alone: the llama.cpp engine's text path (OCR lines in, no image)."""
    if spec and spec.lower().endswith(".gguf"):
        return text_model(Path(spec).expanduser())
    if spec and (os.sep in spec or "/" in spec or Path(spec).expanduser().is_dir()):
        return find_gguf_pair(Path(spec).expanduser())
    entry = get(spec) if spec else _installed_default()
    if entry.format != "gguf":
        raise ShipcardError(f"Model '{entry.id}' is {entry.format}, not GGUF.", "Pick a GGUF model for the llama.cpp backend.")
    missing = entry.missing()
    if missing:
        raise MissingWeightsError(f"Model '{entry.id}' is not downloaded ({missing[0].name} missing).", pull_hint(entry))
    return GgufPair(entry.folder / entry.need("model").name, entry.folder / entry.need("mmproj").name, entry)


def _installed_default() -> ModelEntry:
    """The first installed GGUF model, the default one first; the default when none is installed."""
    ranked = sorted(entries("gguf"), key=lambda e: not e.default)
    return next((e for e in ranked if e.installed), default_entry("gguf"))


def find_gguf_pair(folder: Path) -> GgufPair:
    """A folder holding one model GGUF and one projector GGUF (named *mmproj*, or of GGUF arch 'clip')."""
    if not folder.is_dir():
        raise MissingWeightsError(f"{folder}: no such folder.", "Pass a catalog id or a folder holding a model GGUF and an mmproj GGUF.")
    from .tiling import is_derived

    # a derived projector (written beside a pulled one that lacks the tiling key) is never picked itself
    ggufs = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".gguf" and p.is_file() and not is_derived(p))
    projectors = [p for p in ggufs if _is_projector(p)]
    models = [p for p in ggufs if p not in projectors]
    if not models or not projectors:
        what = "model GGUF" if not models else "projector (mmproj) GGUF"
        raise MissingWeightsError(f"{folder}: no {what} found.", "The folder needs a model GGUF and an mmproj GGUF for it.")
    return GgufPair(models[0], projectors[0])


def text_model(path: Path) -> GgufPair:
    """A text GGUF file as a pair without projector, or MissingWeightsError."""
    if not path.is_file():
        raise MissingWeightsError(f"{path}: no such file.", "Pass a text model GGUF, a catalog id, or a folder with a model and mmproj GGUF.")
    if _is_projector(path):
        raise MissingWeightsError(f"{path.name} is a vision projector, not a text model.", "Pass the folder holding it and its model GGUF.")
    return GgufPair(path, None)


def _is_projector(path: Path) -> bool:
    return "mmproj" in path.name.lower() or gguf_architecture(path) == "clip"


def gguf_architecture(path: Path) -> str | None:
    """`general.architecture` of a GGUF file, None when it cannot be read."""
    from .gguf_header import field

    try:
        value = field(path, "general.architecture")
    except (OSError, ValueError):  # unreadable or not a GGUF: not a projector
        return None
    return value if isinstance(value, str) else None
