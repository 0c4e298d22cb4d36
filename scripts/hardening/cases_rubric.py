"""Reviewer-file (rubric) cases of the bad-input corpus (scripts/hardening/corpus.py)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from corpus_base import Case, cli, products

# ---- rubric cases -----------------------------------------------------------------------------

GOOD_RUBRIC = """id = "x{n}"
name = "X"
lens = "Lens?"
[[criteria]]
id = "c"
label = "c"
weight = {weight}
any = [{pattern}]
"""


def _rubric_case(name: str, make: Callable[[Path], None], budget: float = 60) -> Case:
    def build(d: Path) -> list[list]:
        a, b = products(d)
        (d / "rubrics").mkdir()
        make(d / "rubrics")
        return [cli("compare", str(a), str(b), "--backend", "ocr", "--rubrics", str(d / "rubrics"), "--out",
                    str(d / "out"), "--no-save")]

    return Case(name, "rubric", build, budget=budget)


def _r_latin1(r):
    (r / "a.toml").write_bytes(GOOD_RUBRIC.format(n=1, weight=1, pattern="'caf\xe9'").encode("latin-1"))


def _r_utf16(r):
    (r / "a.toml").write_bytes(GOOD_RUBRIC.format(n=1, weight=1, pattern="'x'").encode("utf-16"))


def _r_dir(r):
    (r / "a.toml").mkdir()


def _r_loop(r):
    os.symlink(r / "b.toml", r / "a.toml")
    os.symlink(r / "a.toml", r / "b.toml")


def _r_deep(r):
    (r / "a.toml").write_text("x = " + "[" * 50_000 + "]" * 50_000 + "\n")


def _r_inf(r):
    (r / "a.toml").write_text(GOOD_RUBRIC.format(n=1, weight="inf", pattern="'API'"))


def _r_nan(r):
    (r / "a.toml").write_text(GOOD_RUBRIC.format(n=1, weight="nan", pattern="'API'"))


def _r_redos(r):
    (r / "a.toml").write_text(GOOD_RUBRIC.format(n=1, weight=1, pattern="'^(.+)+!$'"))


def _r_huge(r):
    (r / "a.toml").write_text(GOOD_RUBRIC.format(n=1, weight=1, pattern="'x'") + "# " + "y" * 30_000_000 + "\n")


def _r_bad_regex(r):
    (r / "a.toml").write_text(GOOD_RUBRIC.format(n=1, weight=1, pattern="'(unclosed'"))


def _r_many_patterns(r):
    pats = ", ".join(f"'w{i}x'" for i in range(20_000))
    (r / "a.toml").write_text(GOOD_RUBRIC.format(n=1, weight=1, pattern=pats))


RUBRICS = [("rubric_latin1", _r_latin1), ("rubric_utf16", _r_utf16), ("rubric_dir_named_toml", _r_dir),
           ("rubric_symlink_loop", _r_loop), ("rubric_deep_nesting", _r_deep), ("rubric_inf_weight", _r_inf),
           ("rubric_nan_weight", _r_nan), ("rubric_backtracking_regex", _r_redos), ("rubric_huge_file", _r_huge),
           ("rubric_bad_regex", _r_bad_regex), ("rubric_many_patterns", _r_many_patterns)]
