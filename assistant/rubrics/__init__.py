"""The reviewers as data: one TOML file per reviewer, editable, and a folder can add more."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import ShipcardError
from ..factchecks import FactCheck
from ..patterns import MAX_PATTERNS, compile_pattern
from ..sanitize import printable
from ..support import Role

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the same parser as a package (pyproject.toml)
    import tomli as tomllib

BUILTIN_DIR = Path(__file__).parent
MAX_RUBRIC_BYTES = 256 * 1024
MAX_RUBRIC_FILES = 50


def _counted() -> list[Role]:
    """Where a line matching `any` counts unless a criterion says: anywhere but the chrome."""
    return ["hero", "tier", "body"]


class Criterion(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    label: str
    weight: float = Field(gt=0, le=1e6, allow_inf_nan=False)
    any: list[str] = Field(default_factory=list, max_length=MAX_PATTERNS,
                           description="Regexes: a page line matching one meets the criterion.")
    none: list[str] = Field(default_factory=list, max_length=MAX_PATTERNS,
                            description="Regexes: a page line matching one fails it.")
    facts: list[FactCheck] = Field(default_factory=list, description="Fact checks that meet it.")
    otherwise: Literal["not_met", "unknown"] = "not_met"
    reads_name: bool = Field(
        True, description="Whether the product's own name may show it: 'Mistral AI API' names an API, but the "
        "'Studio' of 'LM Studio' is no studio buyer (false: patterns read each line with the name taken out).")
    support: Literal["any", "phrase", "sentence"] = Field(
        "any", description="What a line matching `any` must be to count: any line; a phrase (3+ words, not a nav "
        "item, button or dated feed item); a sentence (5+ words, the same). A match only in weaker lines is unknown.")
    roles: list[Role] = Field(
        default_factory=_counted, description="Where on the page a line matching `any` may "
        "sit to count: chrome (nav, buttons, footers, lone words), hero, tier (a price card), body.")
    judgment: bool = Field(False, description="A VLM backend may answer it when the rules cannot.")
    question: str = ""
    pro: str = Field("", max_length=300, description="The reviewer's words when it is met: 'it names a primitive'.")
    con: str = Field("", max_length=300, description="The reviewer's words when it is not: 'no primitive is named'.")

    def said(self, met: bool) -> str:
        """The clause a rationale uses for this criterion (from the label when the file gives none)."""
        short = re.sub(r"\s*\([^)]*\)", "", self.label).strip()
        return (self.pro or short) if met else (self.con or f"not shown: {short}")

    @field_validator("any", "none")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for p in patterns:
            compile_pattern(p)  # ValueError: one line naming the pattern
        return patterns


class Voice(BaseModel):
    """How a reviewer words its rationale: a sentence per part, with a slot the judged criteria fill.

    Slots: {name} (the product), {point} (a criterion met, with its quote), {gap} (one not met), {open} (ones the
    screenshots do not settle). Plain replacement: a reviewer file is data, never a format string.
    """

    model_config = ConfigDict(extra="forbid")

    ship: str = Field("{name} earns the ship: {point}.", max_length=300, description="The lead when it ships.")
    skip: str = Field("{name} falls short: {gap}.", max_length=300, description="The lead when it is skipped.")
    favour: str = Field("In its favour, {point}.", max_length=300, description="The best point against a skip.")
    against: str = Field("Against it, {gap}.", max_length=300, description="The worst point against a ship.")
    open: str = Field("The screenshots leave open: {open}.", max_length=300, description="What is unknown.")

    @field_validator("ship", "favour")
    @classmethod
    def _has_point(cls, text: str) -> str:
        return _slot(text, "{point}")

    @field_validator("skip", "against")
    @classmethod
    def _has_gap(cls, text: str) -> str:
        return _slot(text, "{gap}")

    @field_validator("open")
    @classmethod
    def _has_open(cls, text: str) -> str:
        return _slot(text, "{open}")


def _slot(text: str, slot: str) -> str:
    if slot not in text:
        raise ValueError(f"needs the slot {slot}")
    return text


class Rubric(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$")
    name: str = Field(max_length=200)
    lens: str = Field(max_length=500)
    threshold: int = Field(60, ge=0, le=100)
    unknown_credit: float = Field(0.3, ge=0, le=1, description="Share of a criterion's weight an unknown earns.")
    criteria: list[Criterion] = Field(min_length=1, max_length=100)
    voice: Voice = Field(default_factory=Voice, description="How this reviewer words its rationale.")
    questions: list[str] = Field(default_factory=list, max_length=10, description="What this reviewer answers in "
                                 "its review when a model writes it (Claude escalation), in the reviewer's order.")

    @field_validator("questions")
    @classmethod
    def _short_questions(cls, questions: list[str]) -> list[str]:
        if any(len(q) > 300 for q in questions):
            raise ValueError("a question is over 300 characters")
        return questions


def load_rubric(path: Path) -> Rubric:
    """One reviewer file, or a one-line ShipcardError saying what is wrong with it (it may come from anyone)."""
    text = _read(path)
    try:
        return Rubric.model_validate(tomllib.loads(text))
    except (tomllib.TOMLDecodeError, ValidationError, ValueError) as exc:
        first = printable(str(exc).splitlines()[0])[:200]
        if isinstance(exc, ValidationError):
            err = exc.errors()[0]
            first = printable(f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}")[:200]
        raise ShipcardError(f"Reviewer file {printable(path)} is invalid: {first}",
                            "Fix it or remove it from the folder.") from None
    except (RecursionError, MemoryError):
        raise ShipcardError(f"Reviewer file {printable(path)} is nested too deeply to read.",
                            "Fix it or remove it from the folder.") from None


def _read(path: Path) -> str:
    """A reviewer file's text: a regular file, at most MAX_RUBRIC_BYTES, UTF-8."""
    name = printable(path)
    try:
        if not path.is_file():
            raise ShipcardError(f"Reviewer file {name} is not a regular file.", "Remove it from the folder.")
        if path.stat().st_size > MAX_RUBRIC_BYTES:
            raise ShipcardError(f"Reviewer file {name} is over {MAX_RUBRIC_BYTES // 1024} KiB.",
                                "A reviewer needs a few KiB; fix it or remove it from the folder.")
        data = path.read_bytes()
    except OSError as exc:  # a symlink loop, a file that vanished, no permission
        raise ShipcardError(f"Cannot read reviewer file {name} ({exc.strerror or exc}).",
                            "Fix it or remove it from the folder.") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        utf16 = data[:2] in (b"\xff\xfe", b"\xfe\xff")
        raise ShipcardError(f"Reviewer file {name} is not UTF-8 text{' (it is UTF-16)' if utf16 else ''}.",
                            "Save it as UTF-8.") from None


def load_rubrics(extra_dir: Path | None = None) -> list[Rubric]:
    """The four built-in reviewers, then any in `extra_dir` (a file with a built-in's id replaces it)."""
    by_id: dict[str, Rubric] = {}
    for path in sorted(BUILTIN_DIR.glob("*.toml"), key=_builtin_order):
        rubric = load_rubric(path)
        by_id[rubric.id] = rubric
    if extra_dir is not None:
        if not Path(extra_dir).is_dir():
            raise ShipcardError(f"--rubrics {printable(extra_dir)}: no such folder.",
                                "Pass a folder of reviewer .toml files.")
        found = sorted(Path(extra_dir).glob("*.toml"))
        if len(found) > MAX_RUBRIC_FILES:
            raise ShipcardError(f"--rubrics {printable(extra_dir)} holds {len(found)} reviewer files, over the limit "
                                f"of {MAX_RUBRIC_FILES}.", "Keep the reviewers you want in a folder of their own.")
        for path in found:
            rubric = load_rubric(path)
            by_id[rubric.id] = rubric
    return list(by_id.values())


def _builtin_order(path: Path) -> int:
    order = ["builder", "skeptic", "futurist", "founder"]
    return order.index(path.stem) if path.stem in order else len(order)
