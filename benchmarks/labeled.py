"""The labeled screenshots, as screens rebuilt from frozen OCR lines (no OCR run: scoring takes seconds).

Two sets: `benchmarks/corpus/` (pages in layout families, some sealed) and `benchmarks/data/` (the
first 15 pages, written next to the rules; family `labeled-v1`). Lines were read by the tuned
RapidOCR engine (`python -m benchmarks.corpus.build freeze`, `python -m benchmarks.labeled freeze`).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from assistant.datamodel import LoadedImage, OcrLine, Screen

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
LEGACY = HERE / "data"
LEGACY_FAMILY = "labeled-v1"
# Families held out: tune nothing on them, only measure. Here, not beside the corpus builders
# (benchmarks/corpus/families/, which check each module's SEALED against it): `shipcard bench` needs the list
# at run time, and the builders stay out of the wheel.
SEALED_FAMILIES = frozenset({"docs-home", "app-listing", "launch-post"})


@dataclass
class Shot:
    key: str
    family: str
    truth: dict
    screen: Screen
    sealed: bool = False


def screen_from(lines: list[dict], png: Path, name: str) -> Screen:
    """A Screen with the image's size and its frozen lines; the pixels are not needed to extract."""
    with Image.open(png) as img:
        size = img.size
    blank = Image.new("1", size)
    ocr = [OcrLine(text=d["text"], box=tuple(d["box"]), confidence=d["confidence"], image=name) for d in lines]
    return Screen(loaded=LoadedImage(name=name, image=blank, sha256=""), lines=ocr)


def sealed(family: str) -> bool:
    return family in SEALED_FAMILIES


def corpus_shots(include_sealed: bool = False, families: set[str] | None = None) -> list[Shot]:
    """Every corpus screenshot with frozen lines; sealed families only when asked for."""
    truth_file = CORPUS / "truth.json"
    if not truth_file.is_file():
        return []
    shots = []
    for key, label in sorted(json.loads(truth_file.read_text()).items()):
        family = label["family"]
        if (sealed(family) and not include_sealed) or (families and family not in families):
            continue
        lines = (CORPUS / "lines" / key).with_suffix(".json")
        if not lines.is_file():
            continue
        screen = screen_from(json.loads(lines.read_text()), CORPUS / "screens" / key, Path(key).name)
        shots.append(Shot(key, family, label, screen, sealed(family)))
    return shots


def legacy_shots() -> list[Shot]:
    truth = json.loads((LEGACY / "truth.json").read_text())
    shots = []
    for name, label in sorted(truth.items()):
        lines = (LEGACY / "lines" / name).with_suffix(".json")
        if lines.is_file():
            shots.append(Shot(name, LEGACY_FAMILY, label, screen_from(json.loads(lines.read_text()),
                                                                      LEGACY / "screens" / name, name)))
    return shots


def freeze_legacy() -> None:
    """Read benchmarks/data/screens once with the tuned OCR engine and keep the lines."""
    from assistant.images import load_image
    from assistant.ocr import read

    out = LEGACY / "lines"
    out.mkdir(exist_ok=True)
    for png in sorted((LEGACY / "screens").glob("*.png")):
        screen = read(load_image(png))
        rows = [{"text": ln.text, "box": [round(v, 1) for v in ln.box], "confidence": round(ln.confidence, 4)}
                for ln in screen.lines]
        (out / png.with_suffix(".json").name).write_text(json.dumps(rows, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    if sys.argv[1:] != ["freeze"]:
        sys.exit("usage: python -m benchmarks.labeled freeze")
    freeze_legacy()
