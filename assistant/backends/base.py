"""The engine seam: every backend turns screenshots into facts through one method."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar, Generic, TypeVar, cast

from pydantic import BaseModel, ValidationError

from ..datamodel import Facts, Screen
from ..errors import ShipcardError
from .options import TILE_BUDGET, EngineOptions, VLMOptions

__all__ = ["TILE_BUDGET", "Availability", "Backend", "BackendOptions", "EngineOptions", "JudgeAnswer", "JudgeRequest",
           "VLMOptions"]

BackendOptions = VLMOptions  # the name before each engine declared its own options; scripts and tests still use it

OptionsT = TypeVar("OptionsT", bound=EngineOptions)  # an engine's `Options` class, as its instances' `options`


class Availability(BaseModel):
    name: str
    usable: bool
    reason: str


class Backend(ABC, Generic[OptionsT]):
    """An engine that reads a product's screenshots.

    Implement `extract`; declare abilities as class attributes and settings as an `Options` class.
    Register the class as an entry point in the `shipcard.engines` group (assistant/backends/registry.py).
    For the type checker an engine names its options class twice: `class Mine(Backend[MyOptions])`, `Options = MyOptions`.
    The pipeline OCRs every screen before calling `extract`, so `screen.lines` is always filled (the OCR
    text is every engine's hint and the check on what a model claims is on the page).
    """

    name: ClassVar[str]
    label: ClassVar[str]
    Options: ClassVar[type[EngineOptions]] = EngineOptions  # what a person can set for this engine
    priority: ClassVar[int] = 0  # `--backend auto` takes the usable engine with the highest priority
    sees_images: ClassVar[bool] = False
    judges: ClassVar[bool] = False  # can answer rubric criteria that need judgment
    chats: ClassVar[bool] = False  # can answer free follow-up questions
    served: ClassVar[bool] = False  # the model decodes elsewhere (a server): it writes the rationales by default

    def __init__(self, options: EngineOptions | Mapping[str, object] | None = None):
        # `Options` is OptionsT's class (a ClassVar cannot name a type variable, so the checker is told here)
        self.options = cast(OptionsT, self.options_from(options))

    @classmethod
    def options_from(cls, settings: EngineOptions | Mapping[str, object] | None = None) -> EngineOptions:
        """This engine's options from what a person set: the settings it does not declare are another engine's
        (`--base-url` with `--backend auto` picking a local engine) and are left out; a bad value is one line."""
        if isinstance(settings, cls.Options):
            return settings
        given = settings.model_dump(exclude_unset=True) if isinstance(settings, BaseModel) else dict(settings or {})
        mine = {k: v for k, v in given.items() if k in cls.Options.model_fields and v is not None}
        try:
            return cls.Options(**mine)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise ShipcardError(f"Engine '{cls.name}': option {where}: {first['msg']}.",
                                "Run 'shipcard doctor' to see each engine's options.") from None

    @classmethod
    def availability(cls, options: OptionsT) -> Availability:
        """Whether this engine can run here, and why not. Cheap: no model is loaded."""
        return Availability(name=cls.name, usable=True, reason="always available")

    @classmethod
    def diagnose(cls, options: OptionsT) -> dict:
        """What `shipcard doctor` shows of this engine beyond its availability (a server's models); {}: nothing."""
        return {}

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
