"""Projectors without the tiling key (as published before llama.cpp wrote it): derived copies, verify, doctor."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from weights import catalog
from weights.gguf_header import read_header
from weights.tiling import TILING_KEY, read_tiling, tiling_projector

pytest.importorskip("gguf")


@pytest.fixture(scope="module")
def keyless(tmp_path_factory) -> Path:
    """A tiny synthetic pair whose projector lacks clip.vision.preproc_image_size."""
    from weights.synth.gguf import write_pair

    folder = tmp_path_factory.mktemp("keyless")
    write_pair("tiny", folder, tiling_key=False)
    return folder


def _mmproj(folder: Path) -> Path:
    return next(folder.glob("mmproj-*.gguf"))


def _copy(folder: Path, to: Path) -> Path:
    shutil.copytree(folder, to)
    return to


def _data(path: Path) -> bytes:
    return path.read_bytes()[read_header(path).data_start:]


def test_patching_adds_a_missing_key_and_keeps_everything_else(keyless, tmp_path):
    from weights.gguf_patch import set_keys
    from weights.hub import sha256_file

    src = _mmproj(keyless)
    before = sha256_file(src)
    out = set_keys(src, tmp_path / "out.gguf", {TILING_KEY: 224})
    old, new = read_header(src), read_header(out)
    assert TILING_KEY not in old.fields and new.fields[TILING_KEY] == 224
    assert {k: v for k, v in new.fields.items() if k != TILING_KEY} == old.fields
    assert new.array_lengths == old.array_lengths and new.tensors == old.tensors
    assert _data(out) == _data(src) and sha256_file(src) == before  # the source is never modified
    again = set_keys(out, tmp_path / "again.gguf", {TILING_KEY: 112})  # an existing key is edited, not doubled
    assert read_header(again).fields[TILING_KEY] == 112 and len(read_header(again).fields) == len(new.fields)


def test_a_keyless_projector_gets_a_derived_copy_beside_it_once(keyless, tmp_path):
    folder = _copy(keyless, tmp_path / "m")
    mmproj = _mmproj(folder)
    derived = tiling_projector(mmproj)
    assert derived.parent == folder and derived != mmproj
    assert read_tiling(derived).edge == 4 * 56 and read_tiling(mmproj).edge == 0
    stamp = derived.stat().st_mtime_ns
    assert tiling_projector(mmproj) == derived and derived.stat().st_mtime_ns == stamp  # written once
    assert catalog.find_gguf_pair(folder).mmproj == mmproj  # the derived copy is never picked as the pair


def test_a_projector_with_the_key_is_used_as_it_is(tmp_path):
    from tests.tiny_models import tiny_gguf_files

    mmproj = tiny_gguf_files()[1]
    assert tiling_projector(mmproj) == mmproj


def test_a_read_only_model_folder_keeps_the_copy_with_shipcards_models(keyless, tmp_path, monkeypatch):
    from assistant.errors import ShipcardError
    from weights import gguf_patch

    folder = _copy(keyless, tmp_path / "ro")
    real = gguf_patch.set_keys

    def read_only(src, dst, values):  # as atomic_path reports a read-only folder (root ignores chmod)
        if Path(dst).parent == folder:
            raise ShipcardError(f"Cannot write {dst} (Read-only file system).", "The disk is read-only.")
        return real(src, dst, values)

    monkeypatch.setattr(gguf_patch, "set_keys", read_only)
    derived = tiling_projector(_mmproj(folder))
    assert derived.parent == catalog.models_dir() / ".derived" and read_tiling(derived).edge == 224


@pytest.mark.parametrize(("arch", "edge", "stock", "budget1"), [
    ("smolvlm2-2.2b", 1536, (13, 1053), (1, 81)),  # budget 1: the global tile alone
    ("smolvlm2-500m", 2048, (13, 832), (1, 64)),
])
def test_page_tiling_of_published_shapes_without_the_key(tmp_path, arch, edge, stock, budget1):
    import gguf

    from assistant.backends.llamacpp.tiles import page_tiling
    from weights.synth.gguf import ARCHS, _vision_metadata

    path = tmp_path / "mmproj.gguf"  # the header alone: tiling reads nothing else
    writer = gguf.GGUFWriter(path, "clip")
    for kind, key, value in _vision_metadata(ARCHS[arch]):
        if key != TILING_KEY:
            getattr(writer, f"add_{kind}")(key, value)
    writer.write_header_to_file(path)
    writer.write_kv_data_to_file()
    writer.close()
    assert read_tiling(path).derived_edge == edge
    assert page_tiling(path, None) == stock and page_tiling(path, 1) == budget1


def _entry(folder: Path, **mmproj_fields):
    from weights.catalog import ModelEntry, WeightFile

    model, mmproj = next(p for p in folder.glob("*.gguf") if "mmproj" not in p.name), _mmproj(folder)
    entry = ModelEntry(id="t", label="t", format="gguf", repo="x/y", files=(
        WeightFile("model", model.name), WeightFile("mmproj", mmproj.name, **mmproj_fields)))
    return entry, mmproj


def test_verify_checks_published_size_and_prefix_and_derives_the_tiling(keyless, tmp_path, monkeypatch):
    from weights import hub
    from weights.catalog import ModelEntry

    folder = _copy(keyless, tmp_path / "v")
    monkeypatch.setattr(ModelEntry, "folder", property(lambda self: folder))
    prefix = hub.sha256_file(_mmproj(folder))[:8]
    entry, _ = _entry(folder, size=mmproj_size(keyless), sha256_prefix=prefix)
    checks = hub.verify(entry)
    assert all(c.ok for c in checks), checks
    assert "no " + TILING_KEY in checks[-1].reason and ".preproc224.gguf" in checks[-1].reason
    assert any(p.name.endswith(".preproc224.gguf") for p in folder.iterdir())

    wrong, _ = _entry(folder, size=mmproj_size(keyless), sha256_prefix="00000000")
    bad = [c for c in hub.verify(wrong) if not c.ok]
    assert len(bad) == 1 and "00000000" in bad[0].reason and "\n" not in bad[0].reason
    short, _ = _entry(folder, size=mmproj_size(keyless) + 1)
    assert "size" in next(c for c in hub.verify(short) if not c.ok).reason


def mmproj_size(folder: Path) -> int:
    return _mmproj(folder).stat().st_size


def test_doctor_prints_the_tiling_of_each_installed_model(keyless):
    from typer.testing import CliRunner

    from assistant.cli import app

    entry = catalog.get("smolvlm2-256m-q8")
    entry.folder.mkdir(parents=True)
    for role in ("model", "mmproj"):
        src = _mmproj(keyless) if role == "mmproj" else next(p for p in keyless.glob("*.gguf") if "mmproj" not in p.name)
        shutil.copy(src, entry.folder / entry.file(role).name)
    result = CliRunner().invoke(app, ["doctor"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())  # rich wraps long lines
    assert "smolvlm2-256m-q8: long edge 224 px (key missing: a derived projector adds it); stock 13 tiles" in text
    row = json.loads(CliRunner().invoke(app, ["doctor", "--json"]).output)["tiling"][0]
    # tiny: 56-px tiles of 4 tokens, long edge 224 = 4 tiles; the default budget 1: the global tile alone
    assert row["derived"] and (row["stock_tiles"], row["stock_image_tokens"]) == (13, 52)
    assert (row["tile_budget"], row["tiles"], row["image_tokens"]) == (1, 1, 4)


@pytest.mark.llama
def test_the_engine_tiles_a_page_with_a_keyless_projector(keyless, tmp_path):
    pytest.importorskip("llama_cpp")
    from PIL import Image

    from assistant.backends.base import BackendOptions
    from assistant.backends.llamacpp import LlamaCppBackend, cached_engine
    from assistant.datamodel import LoadedImage, Screen

    folder = _copy(keyless, tmp_path / "e")
    screen = Screen(loaded=LoadedImage(name="p.png", image=Image.new("RGB", (1280, 800), "white"), sha256="1"), lines=[])
    cached_engine.cache_clear()
    b = LlamaCppBackend(BackendOptions(model=str(folder), tile_budget=4))
    schema = {"type": "object", "properties": {"a": {"type": "string", "maxLength": 4}}, "required": ["a"]}
    b.complete("Q.", [screen], schema, 4)
    cached_engine.cache_clear()
    assert b.stats.extra["tiles_encoded"] == 5  # 2x2 + the global tile, not the one global tile mtmd falls back to
