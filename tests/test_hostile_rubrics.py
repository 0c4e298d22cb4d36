"""A reviewer file may come from anyone: each bad one is one line, and its patterns run under a time budget."""

from __future__ import annotations

import os
import time

import pytest
from PIL import Image

from assistant.datamodel import Facts, LoadedImage, OcrLine, Screen
from assistant.errors import ShipcardError
from assistant.judge import Product, review
from assistant.patterns import Budget
from assistant.rubrics import Rubric, load_rubric, load_rubrics

GOOD = """id = "extra"
name = "Extra"
lens = "Is it extra?"
[[criteria]]
id = "api"
label = "an API"
weight = {weight}
any = [{pattern}]
"""


def _product(lines: list[OcrLine]) -> Product:
    return Product.of([Screen(LoadedImage(name="p.png", image=Image.new("RGB", (10, 40)), sha256="0"), lines)])


def _write(folder, name, data):
    (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode())


BAD = {
    "latin-1": lambda d: _write(d, "a.toml", GOOD.format(weight=1, pattern="'caf\xe9'").encode("latin-1")),
    "utf-16": lambda d: _write(d, "a.toml", GOOD.format(weight=1, pattern="'x'").encode("utf-16")),
    "a folder named .toml": lambda d: (d / "a.toml").mkdir(),
    "a symlink loop": lambda d: (os.symlink(d / "b.toml", d / "a.toml"), os.symlink(d / "a.toml", d / "b.toml")),
    "deep nesting": lambda d: _write(d, "a.toml", "x = " + "[" * 50_000 + "]" * 50_000 + "\n"),
    "infinite weight": lambda d: _write(d, "a.toml", GOOD.format(weight="inf", pattern="'API'")),
    "NaN weight": lambda d: _write(d, "a.toml", GOOD.format(weight="nan", pattern="'API'")),
    "a pattern that does not compile": lambda d: _write(d, "a.toml", GOOD.format(weight=1, pattern="'(open'")),
    "a huge file": lambda d: _write(d, "a.toml", GOOD.format(weight=1, pattern="'x'") + "#" * 400_000),
    "an escape in the id": lambda d: _write(d, "a.toml", GOOD.replace('"extra"', '"x\\u001b]0;t\\u0007"', 1)
                                            .format(weight=1, pattern="'x'")),
}


@pytest.mark.parametrize("name", list(BAD))
def test_a_bad_reviewer_file_is_one_line(tmp_path, name):
    BAD[name](tmp_path)
    with pytest.raises(ShipcardError) as caught:
        load_rubrics(tmp_path)
    text = str(caught.value)
    assert "\n" not in text and "\x1b" not in text and "Reviewer file" in text


def test_a_backtracking_pattern_runs_in_linear_time(tmp_path):
    """`^(a|aa)+$` on a long line takes minutes with Python's re; RE2 answers at once."""
    _write(tmp_path, "a.toml", GOOD.format(weight=1, pattern="'^(a|aa)+$', 'API'"))
    rubric = load_rubric(tmp_path / "a.toml")
    lines = [OcrLine("a" * 5000 + "!", (0, 0, 10, 10), 0.99, "p.png"), OcrLine("An API", (0, 20, 10, 30), 0.99, "p.png")]
    started = time.monotonic()
    found = review(rubric, Facts(backend="ocr"), _product(lines))
    assert time.monotonic() - started < 1
    assert found.criteria[0].met is True and found.criteria[0].evidence[0].text == "An API"


def test_a_reviewer_past_its_budget_is_judged_unknown_in_one_line(tmp_path, caplog, monkeypatch):
    monkeypatch.setattr("assistant.patterns.REGEX_BUDGET_S", 0.0)
    monkeypatch.setattr(Budget.__init__, "__defaults__", (0.0,))
    _write(tmp_path, "a.toml", GOOD.format(weight=1, pattern="'API'"))
    found = review(load_rubric(tmp_path / "a.toml"), Facts(backend="ocr"),
                   _product([OcrLine("An API", (0, 0, 1, 1), 1.0, "p.png")]))
    assert found.criteria[0].met is None and "budget" in found.criteria[0].note
    assert len([r for r in caplog.records if "rubric regex budget" in r.getMessage()]) == 1


def test_the_budget_is_shared_by_a_reviewers_patterns():
    budget = Budget("Reviewer x", seconds=0.0)
    assert budget.first_match(["API"], [OcrLine("API", (0, 0, 1, 1), 1.0, "p.png")]) is False
    assert Budget("Reviewer x").first_match(["API"], [OcrLine("an api", (0, 0, 1, 1), 1.0, "p.png")]).text == "an api"


def test_the_built_in_reviewers_still_load():
    assert [r.id for r in load_rubrics()] == ["builder", "skeptic", "futurist", "founder"]
    assert all(isinstance(r, Rubric) for r in load_rubrics())
