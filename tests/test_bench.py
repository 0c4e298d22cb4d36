"""`shipcard bench run` / `bench report` on the tiny random-weight model: the real code paths in seconds.

The default run keeps one whole bench path (`quick`: bandwidth, the synthetic model built and quantized, the
llama.cpp child process, load, prefill, decode, the tile sweep, the log, the report). The full sweep (cards at
two budgets and on the text path, the peers, the OCR engine) is marked `slow`: `pytest -m "not slow"` skips it,
CI runs it.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from assistant.cli import app

BASE = ["bench", "run", "--synthetic", "tiny", "--quants", "Q4_K_M", "--tiles", "1,2", "--no-accuracy",
        "--bandwidth-mib", "32", "--repeat", "2", "--json"]
SEED = {"bench": "ocr", "note": "a line already in the log"}


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    """The synthetic models, built on the first run and reused by the next."""
    return tmp_path_factory.mktemp("bench-models")


def _run(models, log, *extra) -> dict:
    done = CliRunner().invoke(app, [*BASE, "--models-dir", str(models), "--log", str(log), *extra])
    assert done.exit_code == 0, done.output
    return json.loads(done.output)


@pytest.fixture(scope="module")
def quick(models, tmp_path_factory):
    """One `bench run` of the tiny GGUF model alone (no card, no peers), appended to a log that has a line."""
    log = tmp_path_factory.mktemp("bench") / "results.jsonl"
    log.write_text(json.dumps(SEED) + "\n")
    return log, _run(models, log, "--backends", "llamacpp", "--no-card", "--no-peers")


@pytest.fixture(scope="module")
def full(models, tmp_path_factory):
    """The whole sweep: the tiny GGUF model and the OCR engine, cards at budgets 1 and 2 and on the text path, peers."""
    log = tmp_path_factory.mktemp("bench-full") / "results.jsonl"
    return log, _run(models, log, "--backends", "llamacpp,ocr", "--card-budgets", "1,2", "--text-card")


def test_run_reports_fingerprint_figures_and_ceiling(quick):
    _, result = quick
    fp = result["fingerprint"]
    assert fp["cores"] >= 1 and fp["ram_gb"] > 0 and fp["os"]
    assert isinstance(fp["cpu_flags"], list)
    assert "AVX" in fp["llama_cpp"]["system_info"] or "NEON" in fp["llama_cpp"]["system_info"]
    assert result["bandwidth"]["read_gbs"] > 0
    [llama] = result["results"]
    assert "error" not in llama, llama.get("error")
    for key in ("load_s", "prefill_tok_s", "decode_tok_s", "peak_rss_mib", "model_bytes", "mmproj_bytes"):
        assert llama[key] > 0, key
    assert 0 < llama["weights_read_per_token"] < llama["model_bytes"]
    assert set(llama["decode_by_threads"]) == {"1", str(llama["threads"])}
    assert all(d["decode_tok_s"] > 0 and d["read_gbs"] > 0 and d["share"] > 0 for d in llama["decode_by_threads"].values())
    pairs = llama["decode_beside_bandwidth"]
    assert len(pairs) == 2 and all(p["read_gbs"] > 0 and p["decode_tok_s"] > 0 for p in pairs)
    assert min(p["share"] for p in pairs) <= llama["decode_share_paired"] <= max(p["share"] for p in pairs)
    assert llama["decode_share_of_ceiling"] == pytest.approx(llama["decode_tok_s"] / llama["ceiling_tok_s"], abs=1e-4)
    assert [t["budget"] for t in llama["tiles"]] == [1, 2]
    assert llama["tiles"][0]["image_tokens"] < llama["tiles"][1]["image_tokens"]  # the global tile alone, then 2+1
    assert "card" not in llama and "peers" not in llama


def test_log_appends_one_line_per_run(quick):
    log, _ = quick
    lines = log.read_text().splitlines()
    assert len(lines) == 2 and json.loads(lines[0]) == SEED
    assert json.loads(lines[1])["bench"] == "run"


def test_report_writes_markdown_and_charts(quick, tmp_path):
    out = _report(quick[0], tmp_path)
    text = (out / "report.md").read_text()
    assert "decode / ceiling" in text and "synthetic-tiny" in text and "Tile budget sweep" in text
    assert "Decode by threads" in text


@pytest.mark.slow
def test_full_sweep_times_cards_peers_and_ocr(full):
    _, result = full
    llama = next(r for r in result["results"] if r["config"]["backend"] == "llamacpp")
    assert "error" not in llama, llama.get("error")
    assert llama["card"]["total_s"] > 0 and llama["card"]["calls"] >= 2 and " vs " in llama["card"]["title"]
    assert [c["tile_budget"] for c in llama["cards"]] == [1, 2, "text"] and llama["cards"][0] == llama["card"]
    assert llama["cards"][0]["image_tokens_evaluated"] < llama["cards"][1]["image_tokens_evaluated"]
    assert llama["cards"][2]["tiles_encoded"] == 0 and llama["cards"][2]["calls"] >= 2  # the text path: no image
    for card in llama["cards"]:  # each call decodes at most a right answer's tokens, not the caps
        fixed = card["fixed_tokens_per_call"]
        assert card["decode_fixed"] and len(fixed) == card["calls"] and all(n > 0 for _, n in fixed)
        assert 0 < card["decoded_tokens"] <= sum(n for _, n in fixed)
    assert llama["card"]["page_chars_per_token"] > 0
    peers = llama["peers"]
    assert peers["repeat"] == 2
    assert peers["shipcard"]["text"]["min_s"] <= peers["shipcard"]["text"]["s"] <= peers["shipcard"]["text"]["max_s"]
    assert peers["shipcard"]["image"]["completion_tokens"] == peers["bare_llama_cpp"]["image"]["completion_tokens"]
    assert set(peers["overhead"]) == {"image", "text"}
    ocr = next(r for r in result["results"] if r["config"]["backend"] == "ocr")
    assert ocr["ocr_s_per_screenshot"]["shipcard (tuned RapidOCR)"] > 0


@pytest.mark.slow
def test_full_report_compares_with_bare_llama_cpp(full, tmp_path):
    text = (_report(full[0], tmp_path) / "report.md").read_text()
    assert "Tile budget sweep" in text and "bare llama-cpp-python on the same work" in text


def _report(log, tmp_path):
    out = tmp_path / "report"
    done = CliRunner().invoke(app, ["bench", "report", str(log), "--out", str(out)])
    assert done.exit_code == 0, done.output
    for name in ("decode_vs_ceiling.png", "latency_vs_tiles.png"):
        assert (out / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return out


def test_report_without_matplotlib_says_which_extra(quick, tmp_path, monkeypatch):
    import sys

    from assistant.errors import MissingDependencyError
    from benchmarks.report import render

    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(MissingDependencyError, match=r"shipcard\[bench\]"):
        render(quick[0], tmp_path)


def test_bandwidth_is_positive_and_quick():
    import time

    from benchmarks.bandwidth import measure

    t0 = time.perf_counter()
    found = measure(mib=16, repeat=2)
    assert found["read_gbs"] > 0 and found["copy_gbs"] > 0
    assert time.perf_counter() - t0 < 5


def test_ceiling_counts_the_embedding_table_only_when_the_output_reads_it(tmp_path):
    from dataclasses import replace

    from gguf import GGUFReader

    from benchmarks.edge import ceiling, weights_read_per_token
    from weights.synth.gguf import ARCHS, write_pair

    tied, _ = write_pair("tiny", tmp_path / "tied")  # no output.weight: the logits read the whole table
    untied, _ = write_pair(replace(ARCHS["tiny"], tied_output=False), tmp_path / "untied")
    for model, counted in ((tied, True), (untied, False)):
        tensors = GGUFReader(model).tensors
        embd = next(int(t.n_bytes) for t in tensors if t.name == "token_embd.weight")
        assert weights_read_per_token(model) == sum(int(t.n_bytes) for t in tensors) - (0 if counted else embd)
    assert ceiling(10.0, 10**9) == pytest.approx(10.0)
