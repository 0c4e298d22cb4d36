"""What `shipcard doctor` says about llama.cpp's kernels, and when a model loads without extra buffer types."""

from __future__ import annotations

import pytest

from assistant.backends.llamacpp import kernels as k
from assistant.errors import ShipcardError

AVX2 = "CPU : SSE3 = 1 | SSSE3 = 1 | AVX = 1 | AVX2 = 1 | F16C = 1 | FMA = 1 | BMI2 = 1 | LLAMAFILE = 1 | REPACK = 1 |"
NATIVE = ("CPU : SSE3 = 1 | AVX = 1 | AVX_VNNI = 1 | AVX2 = 1 | F16C = 1 | FMA = 1 | AVX512 = 1 | AVX512_VBMI = 1 | "
          "AVX512_VNNI = 1 | AVX512_BF16 = 1 | AMX_INT8 = 1 | REPACK = 1 |")
XEON = frozenset({"SSE3", "AVX", "AVX2", "F16C", "FMA", "AVX_VNNI", "AVX512", "AVX512_VBMI", "AVX512_VNNI",
                  "AVX512_BF16", "AMX_INT8"})


def kernels(info: str, cpu=XEON, version="0.3.36", policy="auto") -> k.Kernels:
    return k.Kernels(version, info, k.build_features(info), cpu, policy)


def test_a_portable_build_on_an_amx_cpu_says_what_is_lost_and_how_to_get_it():
    found = kernels(AVX2)
    assert k.tier(found.build) == "AVX2" and k.tier(found.cpu) == "AVX-512 and AMX"
    assert "AMX_INT8" in found.missing and "AVX512" in found.missing
    assert found.extra_bufts  # no AMX compiled in: the repacked weights are safe
    advice = found.advice()
    assert advice.startswith("this build uses AVX2; the CPU has AVX-512 and AMX: prefill about 2x slower")
    assert 'CMAKE_ARGS="-DGGML_NATIVE=ON" pip install' in advice and "llama-cpp-python==0.3.36" in advice


def test_a_native_build_with_known_bad_amx_kernels_loads_without_them():
    found = kernels(NATIVE)
    assert found.amx_compiled and not found.extra_bufts and found.missing == []
    assert found.as_dict()["amx_known_bad"]
    assert "#20824" in found.advice() and k.ENV in found.advice()


def test_a_fixed_release_or_the_setting_brings_the_extra_buffers_back(monkeypatch):
    monkeypatch.setattr(k, "AMX_FIXED", ("0.3.99",))
    assert kernels(NATIVE, version="0.3.99").extra_bufts
    assert kernels(NATIVE, policy="on").extra_bufts and not kernels(AVX2, policy="off").extra_bufts


def test_an_avx512_cpu_without_amx_is_told_about_one_and_a_half():
    cpu = XEON - {"AMX_INT8"}
    assert "AVX-512: prefill about 1.5x slower" in kernels(AVX2, cpu=cpu).advice()
    assert kernels(NATIVE.replace("AMX_INT8 = 1 | ", ""), cpu=cpu).advice() == "this build uses AVX-512, the best this CPU has"


def test_a_bad_setting_is_one_line(monkeypatch):
    monkeypatch.setenv(k.ENV, "maybe")
    with pytest.raises(ShipcardError, match="is not a choice"):
        k.policy()


def test_the_load_sets_use_extra_bufts_only_while_it_runs():
    llama_cpp = pytest.importorskip("llama_cpp")
    from llama_cpp import llama_cpp as low

    original = low.llama_model_default_params
    with k._model_params(llama_cpp, False):
        assert low.llama_model_default_params().use_extra_bufts is False
    assert low.llama_model_default_params is original and original().use_extra_bufts is True
    assert k.model_params(llama_cpp, False).use_extra_bufts is False


def test_buffer_lines_of_the_log_say_where_the_weights_went():
    lines = ["load_tensors:   CPU_Mapped model buffer size =   103.22 MiB\n",
             "load_tensors:          AMX model buffer size =    80.50 MiB\n", "llama_context: n_ctx = 4096\n"]
    assert k.parse_buffers(lines) == {"CPU_Mapped": 103.22, "AMX": 80.5}
    assert k.Loaded(True, k.parse_buffers(lines)).amx


def test_doctor_reports_the_kernels_as_json():
    pytest.importorskip("llama_cpp")
    import json

    from typer.testing import CliRunner

    from assistant.cli import app

    result = CliRunner().invoke(app, ["doctor", "--json"])
    assert result.exit_code == 0, result.output
    engines = {b["name"]: b for b in json.loads(result.output)["backends"]}
    found = engines["llamacpp"]["details"]  # the engine reports its own kernels (Backend.diagnose)
    assert found["system_info"] and found["build"] and found["kernels"].startswith("this build uses")


def test_a_bench_child_killed_by_a_signal_says_which_and_keeps_its_python_stack():
    from benchmarks.edge.runner import _stderr_tail, died

    assert died(-11) == "died of SIGSEGV (signal 11)" and died(2) == "failed (exit 2)"
    stderr = ("Fatal Python error: Segmentation fault\n\nThread 0x1 (most recent call first):\n"
              '  File "engine.py", line 200 in _eval_prompt\n\nExtension modules: numpy.core' + ", x" * 400 + "\n")
    tail = _stderr_tail(stderr)
    assert tail.startswith("Fatal Python error: Segmentation fault") and "_eval_prompt" in tail
    assert "Extension modules" not in tail and _stderr_tail("") == "no output"


def test_bench_measures_each_llama_configuration_once_per_build(tmp_path):
    import sys

    from benchmarks.cli import _builds, per_build
    from benchmarks.edge.config import Config

    builds = _builds([f"native={sys.executable}"])
    configs = per_build([Config("llamacpp", "m", "Q4_K_M"), Config("ocr", "rules", "-")], builds)
    assert [(c.backend, c.build, c.python) for c in configs] == [
        ("llamacpp", "this", ""), ("llamacpp", "native", sys.executable), ("ocr", "", "")]
    assert configs[1].label == "llamacpp m Q4_K_M [native]"
    with pytest.raises(ShipcardError, match="LABEL=PATH"):
        _builds([f"native={tmp_path / 'missing'}"])


def test_a_bench_stage_reports_its_memory():
    from benchmarks.edge.stages import rss_now

    found = rss_now()
    assert 0 < found["now_mib"] <= found["peak_mib"]
