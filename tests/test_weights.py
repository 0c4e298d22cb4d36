"""The weights catalog, `--model` resolution, pulling offline, verifying, and `weights synth`."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest
from typer.testing import CliRunner

from assistant.errors import MissingWeightsError, ShipcardError
from tests.tiny_models import tiny_gguf_files
from weights import catalog
from weights.cli import SYNTH_WRITERS, app

pytest.importorskip("gguf")
runner = CliRunner()


def test_models_dir_follows_shipcard_home(tmp_path):
    assert catalog.models_dir() == tmp_path / "home" / "models"


def test_catalog_lists_the_smolvlm2_ggufs():
    ids = {e.id for e in catalog.entries("gguf")}
    assert {"smolvlm2-2.2b-q4", "smolvlm2-2.2b-q8", "smolvlm2-500m-q8", "smolvlm2-256m-q8"} <= ids
    for entry in catalog.entries("gguf"):
        assert entry.file("model") and entry.file("mmproj") and "/" in entry.repo
    assert catalog.default_entry("gguf").id == "smolvlm2-2.2b-q4"


def test_unknown_id_lists_the_valid_ones():
    with pytest.raises(ShipcardError) as err:
        catalog.get("gpt-17")
    assert "smolvlm2-2.2b-q4" in str(err.value)


def test_missing_weights_say_which_pull_to_run():
    with pytest.raises(MissingWeightsError) as err:
        catalog.resolve_gguf("smolvlm2-2.2b-q8")
    assert "shipcard weights pull smolvlm2-2.2b-q8" in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(MissingWeightsError, match=r"weights pull smolvlm2-2.2b-q4"):
        catalog.resolve_gguf(None)


def test_installed_catalog_model_resolves():
    entry = catalog.get("smolvlm2-256m-q8")
    model, mmproj = tiny_gguf_files()
    entry.folder.mkdir(parents=True)
    shutil.copy(model, entry.folder / entry.file("model").name)
    shutil.copy(mmproj, entry.folder / entry.file("mmproj").name)
    pair = catalog.resolve_gguf("smolvlm2-256m-q8")
    assert pair.entry == entry and pair.mmproj.name.startswith("mmproj")
    assert catalog.resolve_gguf(None).entry == entry  # the only installed one is picked by default


def test_folder_pair_found_by_name_or_by_clip_arch(tmp_path):
    model, mmproj = tiny_gguf_files()
    folder = tmp_path / "m"
    folder.mkdir()
    shutil.copy(model, folder / "text.gguf")
    shutil.copy(mmproj, folder / "vision.gguf")  # no "mmproj" in the name: found by arch "clip"
    pair = catalog.resolve_gguf(str(folder))
    assert pair.model.name == "text.gguf" and pair.mmproj.name == "vision.gguf"


def test_folder_without_projector_is_missing_weights(tmp_path):
    model, _ = tiny_gguf_files()
    shutil.copy(model, tmp_path / model.name)
    with pytest.raises(MissingWeightsError, match="mmproj"):
        catalog.resolve_gguf(str(tmp_path))


def test_pull_offline_is_one_clear_line():
    result = runner.invoke(app, ["pull", "smolvlm2-256m-q8"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "offline" in lines[0] and "smolvlm2-256m-q8" in lines[0]


def test_pull_network_error_is_one_clear_line(monkeypatch):
    pytest.importorskip("huggingface_hub")
    import huggingface_hub

    from weights import hub

    def unreachable(**kwargs):
        raise OSError("Name or service not known\nmore detail")

    monkeypatch.delenv("HF_HUB_OFFLINE")
    monkeypatch.setattr(huggingface_hub, "hf_hub_download", unreachable)
    with pytest.raises(MissingWeightsError) as err:
        hub.pull(catalog.get("smolvlm2-256m-q8"))
    assert "\n" not in str(err.value) and "weights pull smolvlm2-256m-q8" in str(err.value)


def test_verify_flags_a_truncated_file():
    from weights import hub

    published = catalog.get("smolvlm2-256m-q8")  # its catalog sizes are the published files': drop them here
    entry = replace(published, files=tuple(replace(f, size=None, sha256_prefix=None) for f in published.files))
    model, mmproj = tiny_gguf_files()
    entry.folder.mkdir(parents=True)
    for wf, src in ((entry.file("model"), model), (entry.file("mmproj"), mmproj)):
        shutil.copy(src, entry.folder / wf.name)
        hub._record(entry, wf)
    assert all(c.ok for c in hub.verify(entry))
    assert not hub.verify(published)[0].ok  # not the published size
    target = entry.folder / entry.file("model").name
    target.write_bytes(target.read_bytes()[:1000])
    checks = hub.verify(entry)
    assert not checks[0].ok and "size" in checks[0].reason
    assert runner.invoke(app, ["verify", entry.id]).exit_code == 1  # a failed check, not an error


def test_list_and_path_commands():
    result = runner.invoke(app, ["list", "--json"])
    assert result.exit_code == 0 and "smolvlm2-2.2b-q4" in result.output
    result = runner.invoke(app, ["path", "smolvlm2-2.2b-q4"])
    assert result.output.strip() == str(catalog.models_dir() / "smolvlm2-2.2b-q4")


def test_synth_cli_writes_a_loadable_tiny_pair(tmp_path):
    result = runner.invoke(app, ["synth", "--arch", "tiny", "--format", "gguf", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    pair = catalog.find_gguf_pair(tmp_path / "out")
    assert catalog.gguf_architecture(pair.model) == "llama" and catalog.gguf_architecture(pair.mmproj) == "clip"


def test_synth_cli_rejects_unknown_arch_and_format(tmp_path):
    assert runner.invoke(app, ["synth", "--arch", "huge", str(tmp_path)]).exit_code == 2
    result = runner.invoke(app, ["synth", "--format", "onnx", str(tmp_path)])
    assert result.exit_code == 2 and "gguf" in result.output
    assert "gguf" in SYNTH_WRITERS


def test_synth_metadata_matches_the_published_dims():
    from weights.synth.gguf import ARCHS

    big = ARCHS["smolvlm2-2.2b"]
    assert (big.hidden, big.layers, big.heads, big.ffn, big.vocab) == (2048, 24, 32, 8192, 49280)
    assert (big.v_hidden, big.v_layers, big.v_heads, big.v_ffn, big.patch, big.image) == (1152, 27, 16, 4304, 14, 384)
    assert big.tokens_per_tile == 81


def test_synth_500m_matches_the_published_dims():
    from weights.synth.gguf import ARCHS

    small = ARCHS["smolvlm2-500m"]
    assert (small.hidden, small.layers, small.heads, small.kv_heads, small.ffn) == (960, 32, 15, 5, 2560)
    assert (small.v_hidden, small.v_layers, small.patch, small.image) == (768, 12, 16, 512)
    assert small.tokens_per_tile == 64


@pytest.mark.slow
def test_learned_vocab_packs_text_and_agrees_across_engines(tmp_path):
    """A learned BPE vocabulary: llama.cpp and the MLX tokenizer.json split text the same way, special
    tokens stay whole, and page text takes well under one token a character."""
    import json
    from dataclasses import replace

    from llama_cpp import Llama
    from tokenizers import Tokenizer

    from weights.synth.gguf import ARCHS, write_pair
    from weights.synth.mlx import tokenizer_json

    spec = replace(ARCHS["tiny"], name="tiny-bpe", vocab=8000, learned_vocab=True)
    model, _ = write_pair(spec, tmp_path)
    llama = Llama(model_path=str(model), n_ctx=256, verbose=False)
    hf = Tokenizer.from_str(json.dumps(tokenizer_json(spec)))
    text = "Parrot Voice Pro: $20/mo per seat, billed annually.\n\nOpen weights under Apache-2.0 — ünïcode 1234"
    ours = llama.tokenize(text.encode(), add_bos=False, special=False)
    assert ours == hf.encode(text).ids
    assert len(text) / len(ours) > 1.8
    assert llama.tokenize(b"<image>", add_bos=False, special=True) == [hf.token_to_id("<image>")]
    assert llama.tokenize(b"\n\n", add_bos=False) == [hf.token_to_id("ĊĊ")]
    assert llama.detokenize(ours).decode() == text


def test_gguf_header_agrees_with_the_gguf_package(tmp_path):
    """The quick header reader against gguf.GGUFReader: same tensors, offsets, sizes and scalar fields."""
    from gguf import GGUFReader

    from weights.gguf_header import field, read_header

    model, mmproj = tiny_gguf_files(tmp_path)
    for path in (model, mmproj):
        ours, theirs = read_header(path), GGUFReader(path)
        assert [(t.name, t.n_bytes, ours.data_start + t.offset) for t in ours.tensors] == [
            (t.name, int(t.n_bytes), int(t.data_offset)) for t in theirs.tensors]
        assert ours.data_end == max(int(t.data_offset) + int(t.n_bytes) for t in theirs.tensors) <= path.stat().st_size
    assert field(model, "general.architecture") == "llama" and field(mmproj, "general.architecture") == "clip"
    assert read_header(model).array_lengths["tokenizer.ggml.tokens"] == len(GGUFReader(model).fields["tokenizer.ggml.tokens"].data)
    assert field(mmproj, "clip.vision.image_size") == 56


def test_gguf_header_refuses_other_and_cut_files(tmp_path):
    from weights.gguf_header import read_header

    model, _ = tiny_gguf_files(tmp_path)
    (tmp_path / "notes.gguf").write_text("not a model")
    cut = tmp_path / "cut.gguf"
    cut.write_bytes(model.read_bytes()[:200])
    for bad in (tmp_path / "notes.gguf", cut):
        with pytest.raises(ValueError):
            read_header(bad)


def test_gguf_header_refuses_an_impossible_string_length(tmp_path):
    import struct

    from weights.gguf_header import read_header

    bad = tmp_path / "bad.gguf"
    bad.write_bytes(b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", 1 << 62))
    with pytest.raises(ValueError, match="impossible"):
        read_header(bad)
