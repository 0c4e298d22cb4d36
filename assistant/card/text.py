"""How card cells read, shared by the templates (HTML, Markdown) and the PNG renderer."""

from __future__ import annotations

from ..datamodel import Community, Facts


def tiers_text(facts: Facts) -> str:
    if not facts.pricing.tiers:
        return "Not shown"
    return " / ".join(
        f"{t.name} {t.text}" if t.name and t.name.lower() not in t.text.lower() else t.text for t in facts.pricing.tiers
    )


def yesno(value: bool | None) -> str:
    return {True: "Yes", False: "No"}.get(value, "Not stated")


def community_text(c: Community) -> str:
    return f"{c.up} up / {c.down} down" if c.up or c.down else "No community votes yet"


def mark(met: bool | None) -> str:
    return {True: "✓", False: "✗"}.get(met, "?")


def person_fields(facts: Facts) -> str:
    """Fields a person set (`shipcard fix`): they have no evidence on the page, and the card says so."""
    return ", ".join(sorted(f.replace("_", " ") for f, source in facts.provenance.items() if source == "person"))
