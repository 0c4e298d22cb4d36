"""`shipcard bench run` / `bench report` on the tiny random-weight model: the real code paths in seconds."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from assistant.cli import app


@pytest.fixture(scope="module")
def bench_log(tmp_path_factory):
    """One `bench run` of the tiny GGUF model and the OCR engine, appended twice to the same log."""
    folder = tmp_path_factory.mktemp("bench")
    log = folder / "results.jsonl"
    args = ["bench", "run", "--synthetic", "tiny", "--backends", "llamacpp,ocr", "--tiles", "1,2", "--quants", "Q4_K_M",
            "--models-dir", str(folder / "models"), "--log", str(log), "--bandwidth-mib", "32", "--no-accuracy", "--card-budgets", "1,2", "--text-card", "--repeat", "2", "--json"]
    runner = CliRunner()
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    second = runner.invoke(app, [*args[:5], "llamacpp", *args[6:], "--no-card", "--no-peers"])
    assert second.exit_code == 0, second.output
    return log, json.loads(first.output)


def test_run_reports_fingerprint_figures_and_ceiling(bench_log):
    _, result = bench_log
    fp = result["fingerprint"]
    assert fp["cores"] >= 1 and fp["ram_gb"] > 0 and fp["os"]
    assert isinstance(fp["cpu_flags"], list)
    assert "AVX" in fp["llama_cpp"]["system_info"] or "NEON" in fp["llama_cpp"]["system_info"]
    assert result["bandwidth"]["read_gbs"] > 0
    llama = next(r for r in result["results"] if r["config"]["backend"] == "llamacpp")
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


def test_log_appends_one_line_per_run(bench_log):
    log, _ = bench_log
    lines = log.read_text().splitlines()
    assert len(lines) == 2
    assert all(json.loads(line)["bench"] == "run" for line in lines)
    assert "card" not in json.loads(lines[1])["results"][0]


def test_report_writes_markdown_and_charts(bench_log, tmp_path):
    log, _ = bench_log
    out = tmp_path / "report"
    done = CliRunner().invoke(app, ["bench", "report", str(log), "--out", str(out)])
    assert done.exit_code == 0, done.output
    text = (out / "report.md").read_text()
    assert "decode / ceiling" in text and "synthetic-tiny" in text and "Tile budget sweep" in text
    assert "Decode by threads" in text and "bare llama-cpp-python on the same work" in text
    for name in ("decode_vs_ceiling.png", "latency_vs_tiles.png"):
        assert (out / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_report_without_matplotlib_says_which_extra(bench_log, tmp_path, monkeypatch):
    import sys

    from assistant.errors import MissingDependencyError
    from benchmarks.report import render

    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(MissingDependencyError, match=r"shipcard\[bench\]"):
        render(bench_log[0], tmp_path)


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
