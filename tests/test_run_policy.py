"""The session owns run policy: its screen cache (bounded by bytes), how a run ends, which product a name means."""

from __future__ import annotations

import os

import pytest
from PIL import Image

from assistant import pipeline
from assistant.datamodel import LoadedImage, Screen
from assistant.errors import ShipcardError
from assistant.screencache import ScreenCache
from assistant.session import Session, product_index
from tests.example_card import example


def _screen(sha: str, side: int = 10, path=None) -> Screen:
    return Screen(loaded=LoadedImage(name=f"{sha}.png", image=Image.new("RGB", (side, side)), sha256=sha, path=path))


def test_the_cache_drops_the_least_recently_used_page_past_its_byte_budget():
    cache = ScreenCache(max_bytes=2 * 10 * 10 * 3)  # two 10x10 RGB pages
    for sha in ("a", "b"):
        cache.put(_screen(sha))
    assert cache.get(_screen("a").loaded) is not None  # "a" is now the most recently used
    cache.put(_screen("c"))
    assert len(cache) == 2 and cache.bytes == 600
    assert cache.get(_screen("b").loaded) is None and cache.get(_screen("a").loaded) is not None


def test_a_page_read_under_another_name_keeps_its_own_name_and_the_lines():
    cache = ScreenCache()
    read = _screen("a")
    read.lines = ["line"]
    cache.put(read)
    again = cache.get(LoadedImage(name="copy.png", image=read.loaded.image, sha256="a", path=None))
    assert again is read  # same bytes, same (absent) path: the screen itself
    moved = cache.get(LoadedImage(name="copy.png", image=read.loaded.image, sha256="a", path=__file__))
    assert moved.name == "copy.png" and moved.lines == ["line"]


def test_no_module_holds_screens_between_sessions():
    assert not [name for name, value in vars(pipeline).items()
                if not name.startswith("__") and isinstance(value, dict | ScreenCache)]


def test_a_session_keeps_what_its_run_read_and_adding_a_product_reuses_it(monkeypatch):
    from assistant import ocr
    from assistant.backends import choose
    from tests.example_card import PRODUCTS

    reads = []
    monkeypatch.setattr(ocr, "read", lambda image, *a, **k: reads.append(image.name) or Screen(loaded=image))
    lumen, kestrel = (sorted(p.glob("*.png")) for p in PRODUCTS)
    session = Session.run([lumen], choose("ocr"))
    assert len(session.reads) == len(lumen) and len(reads) == len(lumen)
    bigger = session.add([*lumen[:1], *kestrel], choose("ocr"))
    assert bigger.reads is session.reads and len(reads) == len(lumen) + len(kestrel)  # lumen's page not read again


def test_finish_writes_the_files_then_saves_and_a_refused_save_costs_only_the_entry(tmp_path, monkeypatch):
    comparison, screens = example()
    done = Session(comparison, screens).finish(tmp_path / "out", ["md", "json"])
    assert [p.name for p in done.written] == ["card.md", "card.json"] and done.saved and not done.not_saved
    (tmp_path / "home-is-a-file").write_text("")
    monkeypatch.setenv("SHIPCARD_HOME", str(tmp_path / "home-is-a-file"))
    refused = Session(comparison.model_copy(update={"id": None}), screens).finish(tmp_path / "again", ["md"])
    assert [p.name for p in refused.written] == ["card.md"] and refused.saved is None and refused.not_saved


def test_a_product_is_found_by_number_or_name_the_same_way_saved_or_not():
    comparison, _ = example()
    assert product_index(comparison, "2") == 1 and product_index(comparison, "KESTREL") == 1
    with pytest.raises(ShipcardError, match="Use one of: 1 \\(Lumen Notes\\), 2 \\(Kestrel Coder\\)"):
        Session(comparison).product_index("Zephyr")


def test_batch_workers_get_the_ocr_threads_as_an_argument(monkeypatch):
    from assistant import ocr
    from assistant.batch import work

    built = []
    monkeypatch.setattr(ocr, "_engine", type("Fake", (), {"cache_clear": staticmethod(lambda: None),
                                                           "__call__": lambda self, tuned: built.append(tuned)})())
    monkeypatch.setattr(ocr, "_THREADS", None)
    work.start("ocr", {}, ocr_threads=3)
    assert ocr._THREADS == 3 and built == [True] and "SHIPCARD_OCR_THREADS" not in os.environ
    work.use(None)
