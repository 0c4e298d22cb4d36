"""The example card, made one way for every test: Lumen Notes vs Kestrel Coder.

The shipped screenshots (assistant/examples/), their OCR lines as frozen in tests/data/frozen_example_lines.json,
and live extraction and judging by the `ocr` engine. Frozen lines keep OCR drift out of the card, history,
chat and Claude tests (tests/test_ocr.py checks the reader itself); the real images let the history store
them and escalation send them. After a deliberate OCR change, rewrite the lines with:

    SHIPCARD_REGEN_DATA=1 python -m tests.example_card
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path

from assistant.datamodel import Comparison, OcrLine, Screen
from assistant.examples import FOLDER as EXAMPLES
from assistant.images import load_image

PRODUCTS = [EXAMPLES / "lumen-notes", EXAMPLES / "kestrel-coder"]
LINES = Path(__file__).resolve().parent / "data" / "frozen_example_lines.json"


def example() -> tuple[Comparison, list[list[Screen]]]:
    """A fresh copy of the example comparison and its screens (callers may change both)."""
    comparison, screens = _built()
    return comparison.model_copy(deep=True), [list(product) for product in screens]


def example_screens() -> list[list[Screen]]:
    """Per product, its screenshots (real images) with the frozen OCR lines."""
    frozen = frozen_lines()
    return [[_screen(product / shot["image"], shot["lines"]) for shot in frozen[product.name]] for product in PRODUCTS]


def frozen_lines() -> dict:
    """{product folder name: [{image, size, lines}]}, as the OCR engine read the examples when frozen."""
    assert LINES.is_file(), f"missing {LINES}: run SHIPCARD_REGEN_DATA=1 python -m tests.example_card"
    return json.loads(LINES.read_text(encoding="utf-8"))


@functools.cache
def _built() -> tuple[Comparison, list[list[Screen]]]:
    from assistant.backends import choose
    from assistant.pipeline import card_for
    from assistant.rubrics import load_rubrics

    engine, rubrics, screens = choose("ocr"), load_rubrics(), example_screens()
    cards = [card_for(engine.extract(product), product, rubrics, engine) for product in screens]
    return Comparison(title=Comparison.title_of(cards), products=cards), screens


def _screen(path: Path, lines: list[dict]) -> Screen:
    loaded = load_image(path)
    return Screen(loaded=loaded, lines=[OcrLine(**{**ln, "box": tuple(ln["box"])}) for ln in lines])


def regenerate() -> None:
    from assistant.pipeline import read_screens

    data = {p.name: [{"image": s.name, "size": s.size, "lines": [ln.__dict__ for ln in s.lines]}
                     for s in read_screens([p])] for p in sorted(PRODUCTS)}
    LINES.write_text(json.dumps(data, indent=1), encoding="utf-8")


if __name__ == "__main__":
    if os.environ.get("SHIPCARD_REGEN_DATA") != "1":
        raise SystemExit("Set SHIPCARD_REGEN_DATA=1 to rewrite tests/data/frozen_example_lines.json.")
    regenerate()
    print(f"wrote {LINES}")
