"""read → extract → judge → card: the whole job, with progress reported per stage."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import cast

from . import ocr
from .backends import Backend
from .capture.notes import notes_for
from .capture.sidecar import screen_of
from .datamodel import Comparison, Facts, LoadedImage, ProductCard, Screen
from .images import expand_inputs, load_image
from .judge import judge_product, panel
from .rubrics import Rubric, load_rubrics
from .screencache import ScreenCache
from .writer import Rationale

log = logging.getLogger(__name__)
Progress = Callable[[str, int, int], None]  # (stage, done, total)


def _quiet(stage: str, done: int, total: int) -> None:
    pass


def _numbered(progress: Progress, which: str) -> Progress:
    """`progress` with each stage named for the product it is at ('read 2/3')."""
    return lambda stage, done, total: progress(f"{stage} {which}", done, total)


def read_screens(inputs: Sequence[str | Path], progress: Progress = _quiet,
                 cache: ScreenCache | None = None) -> list[Screen]:
    """Validate every file first (a bad file fails fast, before minutes of OCR), then read each once.

    `cache`: the screenshots already read (a session's); without one, a fresh one for this call.
    """
    return _read(load_all(inputs), progress, _own(cache))


def _own(cache: ScreenCache | None) -> ScreenCache:
    return cache if cache is not None else ScreenCache()  # an empty cache is falsy: `or` would drop it


def load_all(inputs: Sequence[str | Path]) -> list[LoadedImage]:
    return [load_image(p) for p in expand_inputs(list(inputs))]


def _read(loaded: list[LoadedImage], progress: Progress, cache: ScreenCache) -> list[Screen]:
    screens = []
    for i, image in enumerate(loaded):
        progress("read", i, len(loaded))
        screen = cache.get(image)
        if screen is None:
            screen = screen_of(image) or ocr.read(image)  # a captured page's own text, else OCR
            cache.put(screen)
        screens.append(screen)
    progress("read", len(loaded), len(loaded))
    return screens


def extract(inputs: Sequence[str | Path] | list[LoadedImage], backend: Backend, progress: Progress = _quiet,
            cache: ScreenCache | None = None) -> tuple[Facts, list[Screen]]:
    images = [i for i in inputs if isinstance(i, LoadedImage)]
    # not all images: paths (load_all names any that is not)
    loaded = images if len(images) == len(inputs) else load_all(cast("Sequence[str | Path]", inputs))
    screens = _read(loaded, progress, _own(cache))
    progress("extract", 0, 1)
    facts = backend.extract(screens)
    facts.notes = notes_for(facts, screens)
    progress("extract", 1, 1)
    return facts, screens


def card_for(facts: Facts, screens: list[Screen], rubrics: list[Rubric], backend: Backend | None,
             rationale: Rationale = "auto") -> ProductCard:
    reviews = judge_product(facts, screens, rubrics, backend, rationale)
    return ProductCard(facts=facts, reviews=reviews, panel=panel(reviews))


def compare(
    products: Sequence[Sequence[str | Path]],
    backend: Backend,
    rubrics: list[Rubric] | None = None,
    progress: Progress = _quiet,
    rationale: Rationale = "auto",
    cache: ScreenCache | None = None,
) -> tuple[Comparison, list[list[Screen]]]:
    """One card per product (each an image, several images or a folder), then the 'A vs B' title."""
    rubrics = rubrics if rubrics is not None else load_rubrics()
    cache = _own(cache)
    loaded = [load_all(inputs) for inputs in products]  # every file validated before any OCR
    cards, all_screens = [], []
    for i, images in enumerate(loaded):
        facts, screens = extract(images, backend, _numbered(progress, f"{i + 1}/{len(products)}"), cache)
        progress(f"judge {i + 1}/{len(products)}", 0, 1)
        cards.append(card_for(facts, screens, rubrics, backend, rationale))
        all_screens.append(screens)
    return Comparison(title=Comparison.title_of(cards), products=cards), all_screens
