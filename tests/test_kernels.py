"""The kernels of the build a user gets: every engine path evaluates a prompt of two or more tokens on every
quantization type llama.cpp's AMX kernels take, each in a child process, so a crash inside llama.cpp is a failed
test that names its signal, not a dead test run.

A native build on an AMX CPU (`pip install` compiles with GGML_NATIVE) segfaults in `ggml_backend_amx_mul_mat`
on these types unless the weights are loaded without extra buffer types (assistant/backends/llamacpp/kernels.py).
Where this build has no AMX kernels, each case still runs (it must not crash on the kernels it has) and then
skips, saying which kernels ran and that the AMX path was not exercised.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

pytest.importorskip("llama_cpp")
pytest.importorskip("gguf")

from assistant.backends.llamacpp.kernels import AMX_KNOWN_BAD, AMX_TYPES, ENV, current

ROOT = Path(__file__).resolve().parents[1]
# --type of `shipcard quantize gguf` -> the type its attention and FFN weights get (the types AMX takes)
QUANTS = {"q4_0": "Q4_0", "q4_1": "Q4_1", "q8_0": "Q8_0", "q4_k_s": "Q4_K", "q5_k_s": "Q5_K", "q6_k": "Q6_K",
          "iq4_xs": "IQ4_XS"}

pytestmark = [pytest.mark.llama, pytest.mark.shared_home]

# Every engine path on one model, in turn, in a fresh interpreter; after each, a line saying where the weights went.
CHILD = r"""
import json, sys
from pathlib import Path
folder, qtype, paths = Path(sys.argv[1]), sys.argv[2], sys.argv[3].split(",")
from assistant.backends.base import BackendOptions
from assistant.backends.llamacpp import LlamaCppBackend
from assistant.backends.llamacpp.kernels import BUFFER_LOG, parse_buffers
from quantize import jobs
screen = jobs.example_screen()
schema = {"type": "object", "properties": {"m": {"type": "string", "enum": ["yes", "no", "unknown"]}}, "required": ["m"]}
prompt = "Is there a free tier on this page? Answer yes, no or unknown."
text_model = str(next(p for p in folder.glob("*.gguf") if "mmproj" not in p.name))
for path in paths:
    print(json.dumps({"start": path}), flush=True)
    if path == "quantize":  # `shipcard quantize gguf`: quantize the f32 source, load the result, answer once
        jobs.gguf(folder / "source", qtype, folder / "smoke-out", smoke=True, overwrite=True)
    elif path == "bench":  # `bench run`'s load stage: the engine, then a raw 64-token prefill and decode
        from benchmarks.edge.config import Config
        from benchmarks.edge.llama_stages import _prefill_decode, llama_backend
        _, engine = llama_backend(Config("llamacpp", "tiny-k", qtype, str(folder)), 1)
        assert _prefill_decode(engine.llama, 64, 4)["prefill_tok_s"] > 0
    else:  # the card's engine (screenshot + prompt) or the text path (a text GGUF reading the prompt)
        backend = LlamaCppBackend(BackendOptions(model=str(folder) if path == "card" else text_model, tile_budget=1))
        done = backend.complete(prompt, [screen], schema, 8)
        assert done.prompt_tokens >= 2, done
    print(json.dumps({"done": path, "buffers": parse_buffers(BUFFER_LOG)}), flush=True)  # the last load's
"""
PATHS = ("card", "text", "bench", "quantize")
_RUNS: dict[str, subprocess.CompletedProcess] = {}


@pytest.fixture(scope="module")
def models(tmp_path_factory) -> dict[str, Path]:
    """A pair per type: a tiny SmolVLM2-style model whose rows are 256 wide (K-quants need whole 256-blocks,
    AMX needs them too), quantized by llama.cpp, with the f32 source beside it for the quantize path."""
    from quantize.gguf import quantize_model
    from weights.synth.gguf import ARCHS, write_pair

    root = tmp_path_factory.mktemp("amx-types")
    spec = replace(ARCHS["tiny"], name="tiny-k", hidden=256, ffn=256, layers=1, heads=4, kv_heads=4)
    model, mmproj = write_pair(spec, root / "source", f16=False)
    out = {}
    for qtype in QUANTS:
        folder = root / qtype
        folder.mkdir()
        quantize_model(model, folder / f"tiny-k-{qtype}.gguf", qtype)
        shutil.copy(mmproj, folder / mmproj.name)
        (folder / "source").symlink_to(root / "source")
        out[qtype] = folder
    return out


def test_each_type_lands_in_the_weights_amx_takes(models):
    import gguf

    assert sorted(QUANTS.values()) == sorted(AMX_TYPES)
    for qtype, want in QUANTS.items():
        model = next(p for p in models[qtype].glob("*.gguf") if "mmproj" not in p.name)
        types = {t.name: t.tensor_type.name for t in gguf.GGUFReader(model).tensors}
        assert types["blk.0.attn_q.weight"] == want, (qtype, types)


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("qtype", list(QUANTS))
def test_a_prompt_of_several_tokens_runs_on_every_amx_type(models, qtype, path):
    if qtype not in _RUNS:  # one child per type runs every path (a fresh interpreter costs seconds)
        _RUNS[qtype] = _run(models[qtype], qtype, PATHS)
    found = _outcome(_RUNS[qtype], qtype, path)
    kernels = current()
    ran = ", ".join(f"{k} {v:.2f} MiB" for k, v in sorted(found["buffers"].items())) or "buffers not logged"
    if kernels.amx_compiled:
        assert kernels.extra_bufts or not any(name.startswith("AMX") for name in found["buffers"]), ran
        return
    pytest.skip(f"no AMX kernels in this build ({kernels.system_info}): {QUANTS[qtype]} ran on {ran} without a "
                "crash; the AMX path was not exercised")


def test_a_bench_child_that_runs_the_amx_types_reports_its_kernels(models):
    """`bench run`'s own child process (benchmarks/edge/runner.py): a tile and a short question on Q4_K."""
    from benchmarks.edge.config import Config
    from benchmarks.edge.runner import _child as bench_child

    cfg = Config("llamacpp", "synthetic-tiny-k", "Q4_K", str(models["q4_k_s"]), synthetic=True, tiles=[1],
                 card=False, peers=False, stages=["tiles"], time_limit_s=300)
    result, _ = bench_child(cfg)
    assert result["tiles"][0]["prompt_tokens"] >= 2, result
    used = result["kernels"]
    assert used["system_info"] == current().system_info and used["weight_buffers"]
    assert not used["amx_compiled"] or used["extra_bufts"] or not any(b.startswith("AMX") for b in used["weight_buffers"])


def test_the_amx_path_still_crashes_where_it_is_known_bad(models):
    """The guard is there for a reason: with extra buffers forced on, a known-bad build dies in the AMX kernels.
    When this fails, the installed release fixed it: add it to kernels.AMX_FIXED."""
    kernels = current()
    if not kernels.amx_compiled:
        pytest.skip(f"no AMX kernels in this build ({kernels.system_info}): nothing to crash")
    if kernels.version not in AMX_KNOWN_BAD:
        pytest.skip(f"llama-cpp-python {kernels.version} is not known bad")
    done = _run(models["q4_0"], "q4_0", ["card"], {ENV: "on"})
    assert done.returncode == -signal.SIGSEGV, f"exit {done.returncode}: {done.stderr[-400:]}"
    # faulthandler starts its report; when an OpenMP worker thread is the one that faults, it may end there
    assert "Fatal Python error" in done.stderr


def _run(folder: Path, qtype: str, paths, env: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONFAULTHANDLER": "1", "OMP_WAIT_POLICY": "PASSIVE", **(env or {})}
    return subprocess.run([sys.executable, "-c", CHILD, str(folder), qtype, ",".join(paths)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600, check=False)


def _outcome(done: subprocess.CompletedProcess, qtype: str, path: str) -> dict:
    """This path's line from the child's output; where the child died, which signal and in which path."""
    from benchmarks.edge.runner import died

    lines = [json.loads(ln) for ln in done.stdout.splitlines() if ln.startswith("{")]
    finished = {line["done"]: line for line in lines if "done" in line}
    if path in finished:
        return finished[path]
    started = [line["start"] for line in lines if "start" in line]
    where = f"in the {started[-1]} path" if started else "before any path"
    pytest.fail(f"the child for {qtype} {died(done.returncode)} {where}: {done.stderr[-1500:]}")
