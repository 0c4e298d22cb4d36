"""Rubric patterns: a linear-time matcher and a time budget, because a reviewer file may come from anyone.

With Python's backtracking `re`, a pattern such as `^(a|aa)+$` takes minutes on one page line. Patterns
are compiled with RE2 (google-re2), whose search time grows linearly with the line: Python's syntax
without lookarounds and backreferences. Each reviewer also gets REGEX_BUDGET_S seconds for all of its
patterns on one product's lines; past it, its remaining criteria are judged unknown and one line says so.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

import re2

if TYPE_CHECKING:
    from .datamodel import OcrLine

log = logging.getLogger(__name__)

REGEX_BUDGET_S = 2.0  # per reviewer and product: every pattern on every line
MAX_PATTERN_CHARS = 500
MAX_PATTERNS = 200  # per criterion list (`any` or `none`)


@functools.lru_cache(maxsize=4096)
def compile_pattern(pattern: str):
    """A rubric pattern, case-insensitive, as an RE2 program. Raises ValueError with the reason."""
    if len(pattern) > MAX_PATTERN_CHARS:
        raise ValueError(f"a pattern is over {MAX_PATTERN_CHARS} characters")
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # the reason goes in our one line, not on stderr
    try:
        return re2.compile(pattern, options)
    except (re2.error, TypeError, ValueError) as exc:
        why = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise ValueError(f"pattern {pattern[:60]!r} does not compile ({why[:80]}; RE2 syntax: no lookarounds or "
                         "backreferences)") from None


class Budget:
    """The time left to one reviewer's patterns; once spent, every search answers 'not searched' (None)."""

    def __init__(self, who: str, seconds: float = REGEX_BUDGET_S):
        self.who = who
        self.deadline = time.monotonic() + seconds
        self.seconds = seconds
        self.spent = False

    def first_match(self, patterns: Sequence[str], lines: Sequence[OcrLine]) -> OcrLine | Literal[False] | None:
        """The first line a pattern matches; None when none does; False when the budget ran out first."""
        for pattern in patterns:
            rx = compile_pattern(pattern)
            for line in lines:
                left = self.deadline - time.monotonic()
                if self.spent or left <= 0:
                    return self._out(pattern)
                if rx.search(line.text):
                    return line
        return None

    def _out(self, pattern: str) -> Literal[False]:
        if not self.spent:
            log.warning("%s: its patterns ran past the rubric regex budget of %g s (at %r); the criteria left are "
                        "judged unknown. Simplify the pattern.", self.who, self.seconds, pattern[:60])
        self.spent = True
        return False
