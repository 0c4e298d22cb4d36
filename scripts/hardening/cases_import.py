"""Import cases of the bad-input corpus (scripts/hardening/corpus.py): each mutates the seed's export."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from corpus_base import Case, _seed, cli

# ---- import cases: each writes bad.json from the seed's export, imports it, then reads the history ----


def _import_case(name: str, mutate: Callable[[dict], object], raw: bool = False) -> Case:
    def build(d: Path) -> list[list]:
        return [*_seed(d), ["mutate"], cli("import", str(d / "bad.json")), cli("history"), cli("show", "1"),
                cli("ask", "1", "Which is cheaper to start with?"), cli("export", "--all", "--out", str(d / "all.json")),
                cli("show", "2", "--format", "md")]

    case = Case(name, "import", build, budget=60)
    case.mutate = (mutate, raw)  # type: ignore[attr-defined]
    return case


def _card(d):
    return d["cards"][0]


def _m_bad_b64(d):
    _card(d)["screens"][0][0]["image_b64"] = "!!!not base64!!!"


def _m_votes(d):
    _card(d)["votes"] = [{"up": True}]


def _m_answers(d):
    _card(d)["answers"] = [{"question": "q"}]


def _m_vote_index(d):
    _card(d)["votes"] = [{"product_idx": 10**30, "up": True, "created_at": "x"}]


def _m_vote_index_big(d):
    _card(d)["votes"] = [{"product_idx": 7, "up": True, "created_at": "x"}]


def _m_deep(d):
    return '{"format": "shipcard-history", "version": 3, "cards": ' + "[" * 100_000 + "]" * 100_000 + "}"


def _m_deep_shallow(d):
    deep: object = "x"
    for _ in range(500):
        deep = {"a": deep}
    _card(d)["answers"] = [{"created_at": "x", "question": "q", "answer": deep, "source": "device"}]


def _m_nan_box(d):
    c = _card(d)["comparison"]
    for p in c["products"]:
        for ev in p["facts"]["evidence"].values():
            for e in ev:
                e["box"] = [float("nan")] * 4
    return json.dumps(d)  # NaN as JSON's NaN literal


def _m_more_screens(d):
    c = _card(d)
    c["screens"] = c["screens"] + c["screens"] + c["screens"]


def _m_line_no_text(d):
    for product in _card(d)["screens"]:
        for s in product:
            s["lines"] = [{"box": [0, 0, 1, 1], "confidence": 0.5}]


def _m_reviewer_metachar(d):
    for p in _card(d)["comparison"]["products"]:
        for r in p["reviews"]:
            r["reviewer"] = "(" + r["reviewer"]


def _m_source_path(d):
    for product in _card(d)["screens"]:
        for s in product:
            s["image_b64"] = None
            s["source_path"] = "/etc/passwd"


def _m_osc_title(d):
    c = _card(d)["comparison"]
    c["title"] = "evil\x1b]0;pwned\x07\x1b[2J title"
    c["products"][0]["facts"]["name"] = "Evil\x1b[31m"


def _m_markdown(d):
    f = _card(d)["comparison"]["products"][0]["facts"]
    f["tagline"] = "<script>alert(1)</script>"
    f["description"] = '<img src=x onerror="alert(1)"> [click](javascript:alert(1))'


def _m_hash(d):
    _card(d)["screens"][0][0]["sha256"] = "0" * 64


def _m_names(d):
    _card(d)["screens"][0][0]["name"] = "../../etc/passwd\x1b[2J"


def _m_not_object(d):
    return "[1, 2, 3]"


def _m_huge_string(d):
    _card(d)["comparison"]["title"] = "x" * 5_000_000


def _m_many_cards(d):
    d["cards"] = d["cards"] * 2000


def _m_bad_ext(d):
    _card(d)["screens"][0][0]["ext"] = "/../../x.sh"


def _m_neg_vote(d):
    _card(d)["votes"] = [{"product_idx": -1, "up": True, "created_at": "x"}]


def _m_bad_lines_box(d):
    _card(d)["screens"][0][0]["lines"] = [{"text": "x", "box": "nope", "confidence": "high"}]


def _m_answer_shape(d):
    _card(d)["answers"] = [{"created_at": "x", "question": "q", "answer": {"citations": 5}, "source": "device"}]


def _m_invalid_json(d):
    return "{not json"


def _m_binary(d):
    return b"\xff\xfe\x00garbage"


IMPORTS = [("bad_base64", _m_bad_b64), ("votes_missing_keys", _m_votes), ("answers_missing_keys", _m_answers),
           ("huge_vote_index", _m_vote_index), ("vote_index_out_of_range", _m_vote_index_big),
           ("deep_nesting", _m_deep), ("deep_answer", _m_deep_shallow), ("nan_boxes", _m_nan_box),
           ("more_screens_than_products", _m_more_screens), ("ocr_line_without_text", _m_line_no_text),
           ("reviewer_regex_metachar", _m_reviewer_metachar), ("source_path_etc_passwd", _m_source_path),
           ("osc_title", _m_osc_title), ("markdown_injection", _m_markdown), ("hash_mismatch", _m_hash),
           ("screen_name_traversal", _m_names), ("root_not_object", _m_not_object), ("huge_string", _m_huge_string),
           ("many_cards", _m_many_cards), ("bad_ext", _m_bad_ext), ("negative_vote", _m_neg_vote),
           ("bad_line_box", _m_bad_lines_box), ("answer_bad_shape", _m_answer_shape), ("invalid_json", _m_invalid_json),
           ("binary_file", _m_binary)]
