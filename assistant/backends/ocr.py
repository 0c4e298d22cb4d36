"""The embedded default: RapidOCR lines plus rules. No weights, nothing downloaded."""

from __future__ import annotations

from ..datamodel import Facts, Screen
from .base import Availability, Backend, EngineOptions


class OcrBackend(Backend[EngineOptions]):
    name = "ocr"
    label = "RapidOCR + rules (embedded)"
    priority = 10

    @classmethod
    def availability(cls, options: EngineOptions) -> Availability:
        return Availability(name=cls.name, usable=True, reason="embedded: RapidOCR models ship inside its wheel")

    def extract(self, screens: list[Screen]) -> Facts:
        from ..extract import extract_facts

        return extract_facts(screens, backend=self.name)
