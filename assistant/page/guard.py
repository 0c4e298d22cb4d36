"""Guard stage: page text that addresses the reader as a model or a reviewer is set aside before any reader sees
the page (`assistant.guard` says what counts)."""

from __future__ import annotations

from ..datamodel import Page
from ..guard import is_instruction


def quarantine(page: Page) -> Page:
    page.quarantined = [ln for ln in page.lines if is_instruction(ln.text)]
    if page.quarantined:
        page.lines = [ln for ln in page.lines if not is_instruction(ln.text)]
    return page
