"""The example card (examples/lumen-notes vs examples/kestrel-coder) as the real OCR pipeline made it.

tests/data/example_comparison.json and tests/data/example_lines.json were written by running the real
pipeline (`assistant.backends.choose("ocr")`) once; OCR takes ~5-10 s per product on a small machine, so
history and Claude tests load these instead. Regenerate with:

    SHIPCARD_REGEN_DATA=1 python -m tests.history_fixtures
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from assistant.datamodel import Comparison, OcrLine, Screen
from assistant.images import load_image

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
PRODUCTS = [ROOT / "examples" / "lumen-notes", ROOT / "examples" / "kestrel-coder"]
COMPARISON = DATA / "example_comparison.json"
LINES = DATA / "example_lines.json"


def regenerate() -> None:
    from assistant import pipeline
    from assistant.backends import choose

    comparison, screens = pipeline.compare([[p] for p in PRODUCTS], choose("ocr"))
    DATA.mkdir(exist_ok=True)
    COMPARISON.write_text(comparison.model_dump_json(indent=2) + "\n")
    lines = [[{"file": str(s.loaded.path.relative_to(ROOT)),
               "lines": [{"text": ln.text, "box": list(ln.box), "confidence": ln.confidence} for ln in s.lines]}
              for s in product] for product in screens]
    LINES.write_text(json.dumps(lines, indent=1) + "\n")


def example() -> tuple[Comparison, list[list[Screen]]]:
    """A fresh copy of the example comparison and its screens (real images, OCR lines as recorded)."""
    comparison = Comparison.model_validate_json(COMPARISON.read_text())
    screens = []
    for product in json.loads(LINES.read_text()):
        shots = []
        for shot in product:
            loaded = load_image(ROOT / shot["file"])
            shots.append(Screen(loaded=loaded, lines=[OcrLine(text=d["text"], box=tuple(d["box"]), confidence=d["confidence"],
                                                              image=loaded.name) for d in shot["lines"]]))
        screens.append(shots)
    return comparison, screens


if __name__ == "__main__":
    if os.environ.get("SHIPCARD_REGEN_DATA") != "1":
        raise SystemExit("Set SHIPCARD_REGEN_DATA=1 to rewrite tests/data/example_*.json.")
    regenerate()
    print(f"wrote {COMPARISON} and {LINES}")
