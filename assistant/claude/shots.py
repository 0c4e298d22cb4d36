"""What an escalation sends: the screenshots (shrunk where the API needs it) and the facts, shown first as a plan."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, Field

from ..datamodel import FACT_FIELDS, VALUE_FIELDS, Comparison, Facts

MAX_IMAGE_BYTES = 3_750_000  # the API takes 5 MB of base64 per image
MAX_SIDE = 7_900
MEDIA_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp", "GIF": "image/gif"}


@dataclass(frozen=True)
class Shot:
    """One screenshot as it would be sent."""

    product: str
    name: str
    media_type: str
    data: bytes
    width: int
    height: int


class Plan(BaseModel):
    """What an escalation would send, for the person to confirm."""

    model: str
    shots: list[tuple[str, str, int, int, int]] = Field(description="(product, file name, bytes, width, height)")
    facts: list[tuple[str, list[str], int]] = Field(description="(product, fields with a value, JSON bytes)")
    question: str | None = None


def load_shots(comparison: Comparison, files: Sequence[Sequence[tuple[str, Path]]]) -> list[list[Shot]]:
    """Per product, the screenshots (name, file) as they would be sent: the file's bytes, or a smaller copy."""
    return [[_shot(comparison.products[i].label(i), name, Path(path)) for name, path in product]
            for i, product in enumerate(files)]


def _shot(product: str, name: str, path: Path) -> Shot:
    from PIL import Image

    data = path.read_bytes()
    with Image.open(io.BytesIO(data)) as img:
        fmt, (w, h) = img.format, img.size
        if fmt in MEDIA_TYPES and len(data) <= MAX_IMAGE_BYTES and max(w, h) <= MAX_SIDE:
            return Shot(product, name, MEDIA_TYPES[fmt], data, w, h)
        small = img.convert("RGB")
        small.thumbnail((min(w, MAX_SIDE), min(h, MAX_SIDE)))
        buf = io.BytesIO()
        small.save(buf, format="JPEG", quality=85)
        return Shot(product, name, "image/jpeg", buf.getvalue(), *small.size)


def facts_json(facts: Facts) -> str:
    """The facts as sent: every fact field that has a value."""
    return facts.model_dump_json(include=set(FACT_FIELDS), exclude_none=True)


def plan(comparison: Comparison, shots: list[list[Shot]], options, question: str | None = None) -> Plan:
    """What `escalate` or `ask` with these `options` (ClaudeOptions) would send."""
    facts = [(p.label(i), [f for f in VALUE_FIELDS if p.facts.has(f)], len(facts_json(p.facts)))
             for i, p in enumerate(comparison.products)]
    return Plan(model=options.model, facts=facts, question=question,
                shots=[(s.product, s.name, len(s.data), s.width, s.height) for product in shots for s in product])


def describe(p: Plan) -> str:
    """The confirmation text: every screenshot with its size, every product's facts, the question."""
    total = sum(s[2] for s in p.shots)
    lines = [f"This sends to Claude ({p.model}, Anthropic's API) {len(p.shots)} screenshot(s), {_kb(total)} in all:"]
    lines += [f"  {product}: {name} ({w}x{h}, {_kb(n)})" for product, name, n, w, h in p.shots]
    lines.append("and the facts read on this device (JSON):")
    lines += [f"  {product}: {', '.join(fields) or 'none'} ({_kb(n)})" for product, fields, n in p.facts]
    if p.question:
        lines.append(f"and the question: {p.question!r}")
    lines.append("Nothing else is sent. The API key is read from ANTHROPIC_API_KEY.")
    return "\n".join(lines)


def _kb(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 2**20 else f"{n / 2**20:.1f} MB"
