"""`shipcard quantize`: the tiny GGUF pair and the tiny MLX folder, quantized for real and driven through
their backends; a failed smoke test leaves nothing behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

os.environ.setdefault("MLX_DISABLE_COMPILE", "1")

from assistant.backends.base import BackendOptions
from assistant.errors import BackendError, ShipcardError
from quantize import jobs
from quantize.cli import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


pytestmark = pytest.mark.shared_home  # the engines derive model files under one home per run


@pytest.fixture(scope="module")
def screens(kestrel_screens):
    return kestrel_screens


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if ".partial-" in p.name]


@pytest.mark.llama
@pytest.mark.parametrize("qtype", ["q8_0", "q4_0"])
def test_gguf_quantize_then_extract(tiny_gguf, screens, tmp_path, qtype):
    import gguf

    out = tmp_path / qtype
    result = runner.invoke(app, ["gguf", str(tiny_gguf), "--type", qtype, "--mmproj-q8", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "smoke" in result.output and "->" in result.output
    model = next(p for p in out.glob("*.gguf") if "mmproj" not in p.name)
    mmproj = next(out.glob("mmproj*.gguf"))
    assert qtype.upper() in model.name
    types = {t.tensor_type.name for t in gguf.GGUFReader(mmproj).tensors}
    assert "Q8_0" in types
    from assistant.backends.llamacpp import LlamaCppBackend

    facts = LlamaCppBackend(BackendOptions(model=str(out))).extract(screens)
    assert facts.backend == "llamacpp"
    assert _leftovers(tmp_path) == []


@pytest.mark.llama
def test_gguf_copies_the_projector_by_default(tiny_gguf, tmp_path):
    result = jobs.gguf(tiny_gguf, "q8_0", tmp_path / "out", smoke=False)
    original = next(tiny_gguf.glob("mmproj*.gguf"))
    assert (tmp_path / "out" / original.name).read_bytes() == original.read_bytes()
    assert result.bytes_after < result.bytes_before


@pytest.mark.mlx
@pytest.mark.parametrize("bits", [4, 8])
def test_mlx_quantize_then_extract(tiny_mlx, screens, tmp_path, bits):
    from quantize.mlx import quantization_of

    out = tmp_path / f"{bits}bit"
    result = runner.invoke(app, ["mlx", str(tiny_mlx), "--bits", str(bits), "--group-size", "32", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert quantization_of(out) == {"group_size": 32, "bits": bits, "mode": "affine"}
    from assistant.backends.mlx import MlxBackend

    facts = MlxBackend(BackendOptions(model=str(out))).extract(screens)
    assert facts.backend == "mlx"
    assert _leftovers(tmp_path) == []


@pytest.mark.mlx
def test_failed_smoke_test_leaves_nothing(tiny_mlx, tmp_path, monkeypatch):
    def broken(backend, folder):
        assert Path(folder).is_dir() and ".partial-" in Path(folder).name
        raise BackendError("Smoke test failed: the model answered nonsense.")

    monkeypatch.setattr(jobs, "smoke_test", broken)
    out = tmp_path / "q4"
    result = runner.invoke(app, ["mlx", str(tiny_mlx), "--bits", "4", "--out", str(out)])
    assert result.exit_code == 2
    assert "Smoke test failed" in result.output and "Traceback" not in result.output
    assert not out.exists() and _leftovers(tmp_path) == []


def test_existing_output_is_refused(tmp_path):
    (tmp_path / "taken").mkdir()
    with pytest.raises(ShipcardError, match="already exists"):
        jobs.mlx(tmp_path, 4, tmp_path / "taken")


def test_bad_arguments_are_one_line(tmp_path):
    result = runner.invoke(app, ["gguf", str(tmp_path / "nothing.gguf"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "no such file" in result.output and "Traceback" not in result.output
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "config.json").write_text("{}")
    result = runner.invoke(app, ["mlx", str(tmp_path / "src"), "--bits", "3", "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "--bits 3" in result.output
    assert not (tmp_path / "o").exists()


@pytest.mark.mlx
def test_quality_compares_variants_side_by_side(tiny_mlx, tmp_path):
    from benchmarks.quality import Variant, compare, markdown
    from quantize.mlx import quantize_folder

    q4 = quantize_folder(tiny_mlx, tmp_path / "q4", bits=4, group_size=32)
    variants = [Variant("f32", "mlx", str(tiny_mlx)), Variant.parse(f"q4=mlx:{q4}")]
    results = compare(variants, limit=1)
    table = markdown(results)
    assert [r.variant.label for r in results] == ["f32", "q4"]
    assert all(r.screens == 1 and r.score.total > 0 for r in results)
    assert table.count("\n") == 3 and "| q4 | mlx |" in table
