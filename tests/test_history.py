"""The local history on a real SQLite file: round trips, two writers at once, interrupted runs, migrations."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from assistant.datamodel import Community
from assistant.errors import ShipcardError
from assistant.history import DB_NAME, SCHEMA_VERSION, History
from assistant.session import product_index
from tests.example_card import example

runner = CliRunner()


@pytest.fixture
def saved(home):
    comparison, screens = example()
    h = History.default()
    return h, h.save(comparison, screens, "ocr", None), comparison, screens


def _integrity(db: Path) -> str:
    with sqlite3.connect(db) as con:
        return con.execute("PRAGMA integrity_check").fetchone()[0]


def test_save_and_get_round_trip(saved, home):
    h, cid, comparison, screens = saved
    assert h.path == home / DB_NAME and comparison.id == cid
    back = h.get(cid)
    assert back.model_dump(exclude={"id"}) == comparison.model_dump(exclude={"id"})
    assert back.id == cid and all(p.community == Community() for p in back.products)
    [row] = h.rows()
    assert (row.id, row.title, row.backend, row.bookmarked) == (cid, comparison.title, "ocr", False)
    assert [p.name for p in row.products] == ["Lumen Notes", "Kestrel Coder"]
    copies = h.screens(cid)
    for product, shots in zip(copies, screens, strict=False):
        for copy, screen in zip(product, shots, strict=False):
            assert copy.parent == home / "screens" and copy.suffix == ".png"
            assert hashlib.sha256(copy.read_bytes()).hexdigest() == screen.loaded.sha256
    assert [[ln.text for ln in p] for p in h.lines(cid)] == [[ln.text for s in p for ln in s.lines] for p in screens]
    with sqlite3.connect(h.path) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_stored_copies_outlive_the_originals(home, tmp_path):
    comparison, screens = example()
    moved = tmp_path / "moved.png"
    moved.write_bytes(screens[0][0].loaded.path.read_bytes())
    from assistant.datamodel import Screen
    from assistant.images import load_image

    screens[0][0] = Screen(loaded=load_image(moved), lines=screens[0][0].lines)
    h = History.default()
    cid = h.save(comparison, screens, "ocr")
    moved.unlink()
    reloaded = h.load_screens(cid)
    assert reloaded[0][0].name == "moved.png"
    assert [ln.text for ln in reloaded[0][0].lines] == [ln.text for ln in screens[0][0].lines]
    assert reloaded[0][0].loaded.image.size == screens[0][0].loaded.image.size


def test_votes_fill_community(saved):
    h, cid, _, _ = saved
    h.vote(cid, 1, True)
    h.vote(cid, 1, True)
    assert h.vote(cid, 1, False) == Community(up=2, down=1)
    card = h.get(cid)
    assert card.products[1].community == Community(up=2, down=1) and card.products[0].community == Community()
    assert [(p.up, p.down) for p in h.rows()[0].products] == [(0, 0), (2, 1)]
    assert product_index(card, "kestrel") == 1 and product_index(card, "1") == 0
    with pytest.raises(ShipcardError, match="no product 3"):
        h.vote(cid, 2, True)
    with pytest.raises(ShipcardError, match="Use one of: 1 \\(Lumen Notes\\), 2 \\(Kestrel Coder\\)"):
        product_index(card, "Zephyr")
    with pytest.raises(ShipcardError, match="No saved card #99"):
        h.get(99)


def test_bookmarks_and_answers(saved):
    h, cid, _, _ = saved
    h.bookmark(cid, True)
    assert h.rows()[0].bookmarked
    h.bookmark(cid, False)
    assert not h.rows()[0].bookmarked
    aid = h.add_answer(cid, "cheaper?", {"text": "Both are free."}, "device", "rules")
    [a] = h.answers(cid)
    assert (a.id, a.question, a.answer, a.source, a.engine) == (aid, "cheaper?", {"text": "Both are free."}, "device", "rules")
    assert h.rows()[0].answers == 1


def test_export_import_round_trip(saved, tmp_path, monkeypatch):
    h, cid, comparison, _ = saved
    h.vote(cid, 0, True)
    h.bookmark(cid, True)
    h.add_answer(cid, "q", {"text": "a"}, "device", "rules")
    data = json.loads(json.dumps(h.export([cid])))  # really JSON

    other = History(tmp_path / "elsewhere" / DB_NAME)
    [new] = other.import_(data)
    back = other.get(new)
    assert back.model_dump(exclude={"id", "products"}) == comparison.model_dump(exclude={"id", "products"})
    assert [p.facts for p in back.products] == [p.facts for p in comparison.products]
    assert back.products[0].community == Community(up=1, down=0)
    assert other.rows()[0].bookmarked and [a.question for a in other.answers(new)] == ["q"]
    assert other.lines(new) == h.lines(cid)
    for a, b in zip([s for p in other.screens(new) for s in p], [s for p in h.screens(cid) for s in p], strict=False):
        assert a.parent == tmp_path / "elsewhere" / "screens" and a.read_bytes() == b.read_bytes()


def test_import_rejects_a_damaged_export_whole(saved, tmp_path):
    h, _, _, _ = saved
    data = h.export()
    data["cards"][0]["screens"][0][0]["sha256"] = "0" * 64
    other = History(tmp_path / "elsewhere" / DB_NAME)
    with pytest.raises(ShipcardError, match="damaged"):
        other.import_(data)
    with pytest.raises(ShipcardError, match="Not a shipcard export"):
        other.import_({"cards": "nope"})
    assert other.rows() == []


def test_import_never_reads_a_path_it_names(saved, tmp_path):
    """An import file names a local file as a screenshot's source; no later export or reader may read that file."""
    h, _, _, _ = saved
    secret = tmp_path / "secret.txt"
    secret.write_text("canary-7f3a")
    data = h.export()
    for product in data["cards"][0]["screens"]:
        for shot in product:
            shot.update(image_b64=None, source_path=str(secret))
    other = History(tmp_path / "elsewhere" / DB_NAME)
    [new] = other.import_(data)
    assert other.screens(new) == [[], []] and other.load_screens(new) == [[], []]
    assert "canary" not in json.dumps(other.export())
    assert "source_path" not in json.dumps(other.export())


def test_migration_drops_images_outside_the_store(saved, caplog):
    """A v2 database whose rows point outside the store (as a v2 import could write) keeps its lines, not the path."""
    h, cid, _, _ = saved
    with sqlite3.connect(h.path) as con:
        con.execute("UPDATE screens SET stored = '../../etc/passwd' WHERE position = 0")
        con.execute("PRAGMA user_version = 2")
    lines = h.lines(cid)
    again = History(h.path)
    assert [len(p) for p in again.screens(cid)] == [1, 1]
    assert again.lines(cid) == lines
    assert "was dropped" in caplog.text and "../../" not in json.dumps(again.export())


V1_SCHEMA = """
CREATE TABLE comparisons (id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL, title TEXT NOT NULL,
    backend TEXT NOT NULL, model TEXT, data TEXT NOT NULL);
CREATE TABLE products (comparison_id INTEGER NOT NULL REFERENCES comparisons(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, name TEXT, entry TEXT, verdict TEXT, ship INTEGER, skip INTEGER,
    PRIMARY KEY (comparison_id, idx));
CREATE TABLE screens (comparison_id INTEGER NOT NULL REFERENCES comparisons(id) ON DELETE CASCADE,
    product_idx INTEGER NOT NULL, position INTEGER NOT NULL, sha256 TEXT NOT NULL, name TEXT NOT NULL, source_path TEXT,
    PRIMARY KEY (comparison_id, product_idx, position));
CREATE TABLE votes (id INTEGER PRIMARY KEY AUTOINCREMENT, comparison_id INTEGER NOT NULL REFERENCES comparisons(id)
    ON DELETE CASCADE, product_idx INTEGER NOT NULL, up INTEGER NOT NULL, created_at TEXT NOT NULL);
PRAGMA user_version = 1;
"""


def test_migrates_a_v1_database(home):
    """A database written by schema 1 (made here by hand, as that version did) opens, upgrades, keeps its data."""
    comparison, screens = example()
    home.mkdir(parents=True)
    with sqlite3.connect(home / DB_NAME) as con:
        con.executescript(V1_SCHEMA)
        con.execute("INSERT INTO comparisons VALUES (7, '2025-01-01T00:00:00+00:00', ?, 'ocr', NULL, ?)",
                    (comparison.title, comparison.model_dump_json()))
        for i, p in enumerate(comparison.products):
            con.execute("INSERT INTO products VALUES (7, ?, ?, ?, ?, ?, ?)",
                        (i, p.facts.name, p.facts.pricing.entry, p.panel.verdict, p.panel.ship, p.panel.skip))
        con.execute("INSERT INTO screens VALUES (7, 0, 0, ?, 'landing.png', ?)",
                    (screens[0][0].loaded.sha256, str(screens[0][0].loaded.path)))
        con.execute("INSERT INTO votes (comparison_id, product_idx, up, created_at) VALUES (7, 0, 0, 'then')")

    h = History.default()
    with sqlite3.connect(h.path) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    [row] = h.rows()
    assert (row.id, row.bookmarked, row.answers, row.products[0].down) == (7, False, 0, 1)
    assert h.get(7).products[0].community == Community(up=0, down=1)
    assert h.screens(7) == [[], []]  # v1 kept only the original path, which is outside the store: dropped
    assert h.lines(7) == [[], []]
    h.bookmark(7, True)
    assert h.save(comparison, screens, "ocr") == 8
    assert _integrity(h.path) == "ok"


def test_refuses_a_newer_schema(home):
    home.mkdir(parents=True)
    with sqlite3.connect(home / DB_NAME) as con:
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(ShipcardError, match="newer shipcard"):
        History.default()


WRITER = """
import sys, time
from assistant.history import History
from tests.example_card import example
comparison, screens = example()
h = History.default()
n = int(sys.argv[1])
t0 = time.perf_counter()
for i in range(n if n > 0 else 10**9):
    c = comparison.model_copy(update={"title": f"{sys.argv[2]} {i}"})
    print(h.save(c, screens, "ocr"), flush=True)
print(f"rate {n / (time.perf_counter() - t0):.1f}", file=sys.stderr)
"""


def _writer(home: Path, n: int, tag: str, extra: str = "") -> subprocess.Popen:
    env = dict(os.environ, SHIPCARD_HOME=str(home), PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-c", extra + WRITER, str(n), tag], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_processes_write_at_once(home):
    History.default()  # create the schema first so both start writing at once
    a, b = _writer(home, 50, "A"), _writer(home, 50, "B")
    outs = [p.communicate(timeout=120) for p in (a, b)]
    for p, (out, err) in zip((a, b), outs, strict=False):
        assert p.returncode == 0, err
        assert "locked" not in err and len(out.split()) == 50
    rows = History.default().rows()
    assert len(rows) == 100 and len({r.id for r in rows}) == 100
    assert sorted(r.title for r in rows) == sorted([f"A {i}" for i in range(50)] + [f"B {i}" for i in range(50)])
    assert _integrity(home / DB_NAME) == "ok"


def test_threads_share_one_history(saved):
    """The UI calls History from worker threads: one instance, many threads, no lost votes."""
    h, cid, _, _ = saved
    errors = []

    def votes():
        try:
            for _ in range(20):
                h.vote(cid, 0, True)
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=votes) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and h.get(cid).products[0].community.up == 80


def _read_ids(p: subprocess.Popen, n: int) -> list[int]:
    ids = []
    while len(ids) < n:
        line = p.stdout.readline()
        assert line, p.stderr.read()
        if line.strip().isdigit():
            ids.append(int(line))
    return ids


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_interrupted_writer_loses_nothing_saved(home, sig):
    """A process saving cards in a loop is interrupted at a random point: every card it reported is whole."""
    History.default()
    p = _writer(home, 0, "loop")
    ids = _read_ids(p, 3)
    p.send_signal(sig)
    p.wait(timeout=30)
    h = History.default()
    assert _integrity(h.path) == "ok"
    rows = {r.id: r for r in h.rows()}
    assert set(ids) <= set(rows)
    for cid, row in rows.items():  # any card that got in at all got in whole
        assert len(h.get(cid).products) == 2 and len(row.products) == 2
        assert [len(p) for p in h.screens(cid)] == [2, 2]


KILLED_MID_SAVE = """
import time
from assistant import history
original = history.History._product_rows
def slow(self, db, cid, comparison):
    original(self, db, cid, comparison)
    if comparison.title.endswith(" 1"):
        print("mid-save", flush=True)
        time.sleep(60)
history.History._product_rows = slow
"""


def test_killed_in_the_middle_of_a_save(home):
    """SIGKILL while the second card's transaction is open: the first card is intact, the second absent."""
    History.default()
    p = _writer(home, 2, "card", KILLED_MID_SAVE)
    [first] = _read_ids(p, 1)
    assert p.stdout.readline().strip() == "mid-save"
    p.kill()
    p.wait(timeout=30)
    h = History.default()
    assert _integrity(h.path) == "ok"
    assert [r.id for r in h.rows()] == [first] and h.get(first).title == "card 0"
    with sqlite3.connect(h.path) as con:
        assert con.execute("SELECT COUNT(*) FROM products").fetchone()[0] == 2
        assert con.execute("SELECT COUNT(*) FROM screens").fetchone()[0] == 4


@pytest.mark.slow
def test_ctrl_c_during_a_compare_keeps_earlier_cards(saved, home):
    """The real `shipcard compare`, interrupted while OCR runs: exit 130, no traceback, the saved card intact."""
    h, cid, _, _ = saved
    env = dict(os.environ, SHIPCARD_HOME=str(home))
    p = subprocess.Popen([sys.executable, "-c", "from assistant.cli import main; main()", "compare",
                          "assistant/examples/lumen-notes", "assistant/examples/kestrel-coder", "--backend", "ocr", "--out", str(home / "out")],
                         cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(3)
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=60)
    assert p.returncode == 130, err
    assert "Traceback" not in err  # typer turns Ctrl-C into a quiet exit 130
    assert [r.id for r in h.rows()] == [cid] and _integrity(h.path) == "ok"


def test_cli_history_vote_bookmark_show_export_import(saved, home, tmp_path):
    from assistant.cli import app

    h, cid, _, _ = saved
    listed = runner.invoke(app, ["history", "--json"])
    assert listed.exit_code == 0 and json.loads(listed.stdout)[0]["id"] == cid
    assert "Kestrel Coder: 1 up / 0 down" in runner.invoke(app, ["vote", str(cid), "kestrel", "up"]).stdout
    assert "Lumen Notes: 0 up / 1 down" in runner.invoke(app, ["vote", str(cid), "1", "down"]).stdout
    bad = runner.invoke(app, ["vote", str(cid), "1", "sideways"])
    assert isinstance(bad.exception, ShipcardError)
    assert runner.invoke(app, ["bookmark", str(cid)]).exit_code == 0
    text = runner.invoke(app, ["history"]).stdout
    assert f"#{cid}" in text and "★" in text and "Lumen Notes vs Kestrel Coder" in text
    md = runner.invoke(app, ["show", str(cid)]).stdout
    assert "| Community | 0 up / 1 down | 1 up / 0 down |" in md
    shown = json.loads(runner.invoke(app, ["show", str(cid), "--format", "json"]).stdout)
    assert shown["products"][1]["community"] == {"up": 1, "down": 0} and shown["id"] == cid
    wrote = runner.invoke(app, ["show", str(cid), "--format", "html", "--out", str(tmp_path / "cards")])
    assert wrote.exit_code == 0 and (tmp_path / "cards" / f"card-{cid}.html").is_file()

    dump = tmp_path / "all.json"
    assert runner.invoke(app, ["export", "--all", "--out", str(dump)]).exit_code == 0
    imported = runner.invoke(app, ["import", str(dump)])
    assert imported.exit_code == 0 and "imported as #2" in imported.stdout
    assert h.get(2).products[0].community == Community(up=0, down=1)
    none = runner.invoke(app, ["export"])
    assert isinstance(none.exception, ShipcardError) and "--all" in str(none.exception)
