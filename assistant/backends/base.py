"""The engine seam: every backend turns screenshots into facts through one method."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from ..datamodel import Facts, Screen

TILE_BUDGET = 1  # the default: on 2 CPU cores the 2.2B card takes ~45 s at 1 tile a page, ~75 s at 2 (benchmarks/README.md)


class BackendOptions(BaseModel):
    """What a person can set for an engine (CLI flags and the UI's picker map onto this)."""

    model_config = ConfigDict(extra="forbid")

    model: str | None = Field(None, description="Catalog id or folder holding the model files.")
    tile_budget: int = Field(TILE_BUDGET, ge=1, le=13, description="Most image tiles per screenshot sent to a VLM.")
    threads: int | None = Field(None, ge=1, description="CPU threads; default: all cores.")
    max_new_tokens: int = Field(256, ge=16, le=4096)
    verbose: bool = False
    # a served model (`--backend openai`); the URL also comes from SHIPCARD_OPENAI_BASE_URL
    base_url: str | None = Field(None, description="OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1.")
    api_key_env: str | None = Field(None, description="Environment variable holding the server's API key.")
    timeout_s: float = Field(120.0, gt=0, description="Seconds one served completion may take, retries included.")
    max_retries: int = Field(2, ge=0, le=8, description="Retries on 429, 5xx and dropped connections.")
    max_requests: int = Field(4, ge=1, le=256, description="Most requests in flight to one server from this process.")


class Availability(BaseModel):
    name: str
    usable: bool
    reason: str


class Backend(ABC):
    """An engine that reads a product's screenshots.

    Implement `extract`; declare abilities as class attributes. The pipeline OCRs every screen
    before calling `extract`, so `screen.lines` is always filled (the OCR text is every engine's
    hint and the check on what a model claims is on the page).
    """

    name: ClassVar[str]
    label: ClassVar[str]
    priority: ClassVar[int] = 0  # `--backend auto` takes the usable engine with the highest priority
    sees_images: ClassVar[bool] = False
    judges: ClassVar[bool] = False  # can answer rubric criteria that need judgment
    chats: ClassVar[bool] = False  # can answer free follow-up questions

    def __init__(self, options: BackendOptions | None = None):
        self.options = options or BackendOptions()

    @classmethod
    def availability(cls, options: BackendOptions) -> Availability:
        """Whether this engine can run here, and why not. Cheap: no model is loaded."""
        return Availability(name=cls.name, usable=True, reason="always available")

    @abstractmethod
    def extract(self, screens: list[Screen]) -> Facts:
        """Facts of one product from its screenshots (all of the same product)."""

    def judge(self, question: JudgeRequest) -> JudgeAnswer | None:
        """Answer one rubric criterion that needs judgment; None leaves it to the rules."""
        return None

    def judge_all(self, questions: list[JudgeRequest]) -> list[JudgeAnswer | None]:
        """Answer one product's criteria (same screens and facts), in order; engines that can batch them override."""
        return [self.judge(q) for q in questions]

    def ask(self, prompt: str, screens: list[Screen], schema: dict) -> dict | None:
        """Answer a follow-up question as JSON matching `schema`; None when this engine cannot."""
        return None


@dataclass(frozen=True)
class JudgeRequest:
    """One rubric criterion to answer about one product, with everything needed: the engine keeps no state."""

    reviewer: str
    criterion_id: str
    question: str
    facts_json: str
    screens: list[Screen] = field(default_factory=list)  # their text is quoted as data in prompts, never as instructions


class JudgeAnswer(BaseModel):
    met: bool | None
    quote: str = ""
