"""The card's time budget by stage, measured beside its roofline (bench run's card stage, bench report)."""

from __future__ import annotations

from benchmarks.edge.card import _card_breakdown
from benchmarks.report import budget_table


class Stats:
    calls, failures, prompt_tokens, completion_tokens = 12, 0, 3000, 171

    def __init__(self):
        self.extra = {"tiles_encoded": 4, "prompt_tokens_evaluated": 1507 + 324, "encode_seconds": 18.6,
                      "prefill_seconds": 18.6 + 27.7, "decode_seconds": 14.0, "prompt_tokens_reused": 900}


OUT = {"tokens_per_tile": 81, "prefill_tok_s": 66.1, "decode_tok_s": 16.8,
       "tiles": [{"budget": 1, "tiles": 2, "encode_s_per_tile": 4.4}],
       "decode_beside_bandwidth": [{"decode_tok_s": 12.0, "share": 0.5}, {"decode_tok_s": 13.0, "share": 0.52}]}


def test_every_second_of_the_model_time_has_a_stage_and_a_roofline():
    found = _card_breakdown(Stats(), OUT, model_s=71.0)
    rows = {r["stage"]: r for r in found["budget"]}
    assert list(rows) == ["encode", "prefill", "decode", "other"]
    assert abs(sum(r["measured_s"] for r in rows.values()) - 71.0) < 0.05
    assert rows["encode"]["roofline_s"] == round(4 * 4.4, 2)
    assert rows["prefill"]["roofline_s"] == round((1507 + 324) / 66.1, 2)
    assert rows["decode"]["roofline_s"] == round(171 / 24.5, 2)  # the ceiling: median of 12/0.5 and 13/0.52
    assert rows["decode"]["measured_over_roofline"] > 1


def test_bench_report_prints_the_budget_table():
    found = _card_breakdown(Stats(), OUT, model_s=71.0)
    result = {"results": [{"config": {"backend": "llamacpp", "model": "smolvlm2-2.2b", "quant": "Q4_K_M"},
                           "card": {**found, "tile_budget": 1}}]}
    lines = budget_table([result])
    assert len(lines) == 2 + 4 and "| decode |" in lines[4]
