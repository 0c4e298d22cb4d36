"""Screenshots made by strangers: an index of real images (`index.jsonl`, one labeled image a line) read into
frozen OCR lines once, then scored in seconds.

The images are other people's files: they stay in the folder given (`--corpus DIR`; in tests and CI
`../shared/corpus/wild` when present) and are never copied into the repository. Their OCR lines are cached outside
the repository too (`$SHIPCARD_CACHE/wild-lines/<sha256>.json`, else the user's cache folder), keyed by the image's bytes and the OCR
settings, so a relabeled or replaced image is read again.

The sealed split is read only when asked for (`--sealed`): tune on train, choose on dev, score sealed once.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.datamodel import LoadedImage, OcrLine, Screen

SPLITS = ("train", "dev", "sealed")
DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "wild"
OCR_VERSION = "tuned-1"  # bump when assistant/ocr.py's reading changes: cached lines are read again


@dataclass
class WildShot:
    """One labeled real image, its OCR lines frozen."""

    key: str
    kind: str
    split: str
    truth: dict
    screen: Screen
    name_as_drawn: str | None = None


def load_index(corpus: Path) -> list[dict]:
    index = corpus / "index.jsonl"
    if not index.is_file():
        raise SystemExit(f"No index.jsonl in {corpus}: pass --corpus DIR, a folder holding index.jsonl and its images.")
    return [json.loads(line) for line in index.read_text().splitlines() if line.strip()]


def cache_dir() -> Path:
    """`$SHIPCARD_CACHE/wild-lines`, else the user's cache folder (outside any repository)."""
    import os

    from platformdirs import user_cache_dir

    return Path(os.environ.get("SHIPCARD_CACHE") or user_cache_dir("shipcard")) / "wild-lines"


def _cached(path: Path, cache: Path) -> Path:
    return cache / f"{hashlib.sha256(path.read_bytes() + OCR_VERSION.encode()).hexdigest()}.json"


def _lines_of(path: Path, cache: Path) -> tuple[list[OcrLine], tuple[int, int]]:
    cached = _cached(path, cache)
    if cached.is_file():
        frozen = json.loads(cached.read_text())
    else:
        from assistant.images import load_image
        from assistant.ocr import read

        loaded = load_image(path)
        screen = read(loaded)
        frozen = {"size": list(loaded.image.size),
                  "lines": [{"text": ln.text, "box": list(ln.box), "confidence": ln.confidence} for ln in screen.lines]}
        cache.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(".tmp")
        tmp.write_text(json.dumps(frozen))
        tmp.replace(cached)
    name = path.name
    return ([OcrLine(text=d["text"], box=tuple(d["box"]), confidence=d["confidence"], image=name)
             for d in frozen["lines"]], tuple(frozen["size"]))


def shots(corpus: Path, splits: Sequence[str] = ("train", "dev"), cache: Path | None = None,
          progress=None, cached_only: bool = False) -> list[WildShot]:
    """The labeled images of the chosen splits, OCR'd once (cached), in index order; `cached_only`: those already
    read, none read now."""
    from PIL import Image

    cache = cache or cache_dir()
    rows = [r for r in load_index(corpus) if r["split"] in splits]
    if cached_only:
        rows = [r for r in rows if _cached(corpus / r["file"], cache).is_file()]
    out = []
    for i, row in enumerate(rows):
        if progress:
            progress(i, len(rows))
        lines, size = _lines_of(corpus / row["file"], cache)
        blank = Image.new("1", size)
        screen = Screen(loaded=LoadedImage(name=row["file"], image=blank, sha256=""), lines=lines)
        out.append(WildShot(row["id"], row["kind"], row["split"], row["truth"], screen, row.get("name_as_drawn")))
    if progress:
        progress(len(rows), len(rows))
    return out


def freeze(corpus: Path, splits: Iterable[str]) -> int:
    """Read every image of `splits` once into the cache; prints progress. Returns how many images."""
    import sys

    def progress(done: int, total: int) -> None:
        print(f"\rOCR {done}/{total}", end="", file=sys.stderr, flush=True)

    found = shots(corpus, tuple(splits), progress=progress)
    print(file=sys.stderr)
    return len(found)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="OCR a wild corpus once into the line cache.")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--splits", default="train,dev")
    args = parser.parse_args()
    print(freeze(args.corpus, args.splits.split(",")), "images")


def extract(shot: WildShot, name_scorer=None):
    """The embedded engine's facts for one image, and its name candidates best first (the card's top 3)."""
    from assistant.extract import extract_facts

    facts = extract_facts([shot.screen], name_scorer=name_scorer)
    ranked = ([facts.name] if facts.name else []) + facts.alternatives.get("name", [])
    return facts, ranked
