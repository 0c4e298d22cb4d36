"""Download catalog models from the Hugging Face Hub and check what is on disk.

Nothing here runs at import: `huggingface_hub` is imported inside `pull`.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from common.errors import MissingDependencyError, MissingWeightsError, ShipcardError
from common.files import atomic_write

from .catalog import MANIFEST, ModelEntry, WeightFile, pull_hint


@dataclass
class FileCheck:
    name: str
    ok: bool
    reason: str


def pull(entry: ModelEntry, progress: bool = True) -> Path:
    """Download every file of `entry` into its folder (resumable), check sizes/digests, write the manifest."""
    if _offline():
        raise MissingWeightsError(f"Cannot download '{entry.id}': offline mode (HF_HUB_OFFLINE) is set.", pull_hint(entry))
    try:
        from huggingface_hub import hf_hub_download
    except ImportError:
        raise MissingDependencyError("huggingface_hub", "llama") from None
    entry.folder.mkdir(parents=True, exist_ok=True)
    for wf in entry.files:
        _download(hf_hub_download, entry, wf, progress)
    checks = verify(entry)
    bad = [c for c in checks if not c.ok]
    if bad:
        raise ShipcardError(f"{bad[0].name}: {bad[0].reason}", f"Delete it and run 'shipcard weights pull {entry.id}' again.")
    return entry.folder


def _download(hf_hub_download, entry: ModelEntry, wf: WeightFile, progress: bool) -> None:
    if not progress:
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        hf_hub_download(repo_id=entry.repo, filename=wf.name, local_dir=entry.folder)
    except Exception as exc:
        raise MissingWeightsError(
            f"Could not download {wf.name} from {entry.repo}: {type(exc).__name__}: {_first_line(exc)}.",
            pull_hint(entry),
        ) from None
    _record(entry, wf)


def _record(entry: ModelEntry, wf: WeightFile) -> None:
    path = entry.folder / wf.name
    manifest = read_manifest(entry.folder)
    manifest[wf.name] = {"size": path.stat().st_size, "sha256": sha256_file(path)}
    atomic_write(entry.folder / MANIFEST, json.dumps(manifest, indent=2, sort_keys=True))


def read_manifest(folder: Path) -> dict:
    try:
        return json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError):
        return {}


def verify(entry: ModelEntry) -> list[FileCheck]:
    """Each file of `entry`: present, of the catalog's (else the manifest's) size, sha256 and known sha256 prefix;
    then, for a GGUF model, whether its projector tiles pages (a derived copy is written where it would not)."""
    manifest = read_manifest(entry.folder)
    checks = [_check(entry.folder / wf.name, wf, manifest.get(wf.name, {})) for wf in entry.files]
    mmproj = entry.file("mmproj")
    if mmproj and all(c.ok for c in checks if c.name == mmproj.name):
        checks.append(tiling_check(entry.folder / mmproj.name))
    return checks


def _check(path: Path, wf: WeightFile, recorded: dict) -> FileCheck:
    if not path.is_file():
        return FileCheck(wf.name, False, "missing")
    size = wf.size or recorded.get("size")
    if size and path.stat().st_size != size:
        return FileCheck(wf.name, False, f"size {path.stat().st_size} bytes, expected {size} (incomplete or corrupt)")
    expected, prefix = wf.sha256 or recorded.get("sha256"), wf.sha256_prefix
    if not expected and not prefix:
        return FileCheck(wf.name, True, "present (no digest recorded to check against)")
    digest = sha256_file(path)
    if prefix and not digest.startswith(prefix):
        return FileCheck(wf.name, False, f"sha256 {digest[:8]}..., the published file's starts {prefix} (not the published file)")
    if expected and digest != expected:
        return FileCheck(wf.name, False, "sha256 does not match (corrupt or replaced)")
    return FileCheck(wf.name, True, "sha256 ok" if expected else f"sha256 starts {prefix} as published")


def tiling_check(mmproj: Path) -> FileCheck:
    """The projector's tiling key: present, or missing and replaced by a derived copy beside it (written here)."""
    from .tiling import TILING_KEY, read_tiling, tiling_projector

    name = f"{mmproj.name} tiling"
    try:
        edge = read_tiling(mmproj).edge
        if edge:
            return FileCheck(name, True, f"{TILING_KEY} = {edge}")
        derived = tiling_projector(mmproj)
    except (OSError, ValueError) as exc:
        return FileCheck(name, False, f"header unreadable ({type(exc).__name__})")
    except ShipcardError as exc:
        return FileCheck(name, False, str(exc))
    return FileCheck(name, True, f"no {TILING_KEY}: engines load {derived.name} (long edge {read_tiling(derived).edge})")


def sha256_file(path: Path, chunk: int = 1 << 22) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def _offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in {"1", "true", "yes", "on"}


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else "no details"
