"""The reviewers as data: one TOML file per reviewer, editable, and a folder can add more."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

import tomllib
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import ShipcardError
from ..factchecks import FACT_CHECKS

BUILTIN_DIR = Path(__file__).parent


class Criterion(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    label: str
    weight: float = Field(gt=0)
    any: list[str] = Field(default_factory=list, description="Regexes: a page line matching one meets the criterion.")
    none: list[str] = Field(default_factory=list, description="Regexes: a page line matching one fails it.")
    facts: list[Literal[tuple(FACT_CHECKS)]] = Field(default_factory=list, description="Fact checks that meet it.")
    otherwise: Literal["not_met", "unknown"] = "not_met"
    judgment: bool = Field(False, description="A VLM backend may answer it when the rules cannot.")
    question: str = ""

    @field_validator("any", "none")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for p in patterns:
            re.compile(p)
        return patterns


class Rubric(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    lens: str
    threshold: int = Field(60, ge=0, le=100)
    unknown_credit: float = Field(0.3, ge=0, le=1, description="Share of a criterion's weight an unknown earns.")
    criteria: list[Criterion] = Field(min_length=1)


def load_rubric(path: Path) -> Rubric:
    try:
        return Rubric.model_validate(tomllib.loads(path.read_text()))
    except (tomllib.TOMLDecodeError, ValidationError, re.error) as exc:
        first = str(exc).splitlines()[0]
        raise ShipcardError(f"Reviewer file {path} is invalid: {first}", "Fix it or remove it from the folder.") from None


def load_rubrics(extra_dir: Path | None = None) -> list[Rubric]:
    """The four built-in reviewers, then any in `extra_dir` (a file with a built-in's id replaces it)."""
    by_id: dict[str, Rubric] = {}
    for path in sorted(BUILTIN_DIR.glob("*.toml"), key=_builtin_order):
        rubric = load_rubric(path)
        by_id[rubric.id] = rubric
    if extra_dir is not None:
        if not Path(extra_dir).is_dir():
            raise ShipcardError(f"--rubrics {extra_dir}: no such folder.", "Pass a folder of reviewer .toml files.")
        for path in sorted(Path(extra_dir).glob("*.toml")):
            rubric = load_rubric(path)
            by_id[rubric.id] = rubric
    return list(by_id.values())


def _builtin_order(path: Path) -> int:
    order = ["builder", "skeptic", "futurist", "founder"]
    return order.index(path.stem) if path.stem in order else len(order)
