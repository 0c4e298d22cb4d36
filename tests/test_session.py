"""The session every front end drives: a run keeps its screens, a saved card loads only what a call needs,
answers are kept, corrections re-judge, and `compare` writes its card even when the history cannot be written."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from assistant.backends import choose
from assistant.history import History
from assistant.session import Session
from tests.example_card import example

runner = CliRunner()


@pytest.fixture
def no_reload(monkeypatch):
    """Count History.load_screens calls (a session must not reread screenshots it holds)."""
    calls = []
    original = History.load_screens
    monkeypatch.setattr(History, "load_screens", lambda self, id: calls.append(id) or original(self, id))
    return calls


def test_a_run_keeps_its_screens_and_its_answers(no_reload):
    comparison, screens = example()
    session = Session.of(comparison, screens, choose("ocr"))
    cid = session.save()
    found = session.ask("Which one is cheaper to start with?")
    assert found.answered and session.screens is screens and no_reload == []
    assert [(q, a.text) for q, a in session.answers()] == [("Which one is cheaper to start with?", found.text)]
    assert History.default().rows()[0].id == cid and History.default().rows()[0].answers == 1


def test_a_saved_card_reads_its_screenshots_once_and_only_when_needed(no_reload):
    cid = Session.of(*example(), choose("ocr")).save()
    session = Session.load(cid)
    session.ask("Which one has open weights?")
    assert [name for name, _ in session.screen_files()[0]] == ["landing.png", "pricing.png"] and no_reload == []
    assert [s.name for s in session.screens[1]] == ["landing.png", "pricing.png"]
    assert session.screens[0][0].loaded.path.parent == History.default().screens_dir  # the store's copy, its own name
    assert no_reload == [cid]


def test_a_correction_is_the_persons_and_the_card_is_judged_again():
    pytest.importorskip("assistant.corrections")
    session = Session.of(*example(), choose("ocr"))
    cid = session.save()
    card = session.fix("2", "name", "Kestrel")
    assert card.facts.name == "Kestrel" and card.facts.provenance["name"] == "person"
    assert session.comparison.title == "Lumen Notes vs Kestrel" == History.default().rows()[0].title
    assert History.default().get(cid).products[1].facts.provenance["name"] == "person"
    assert all("/100 for Kestrel." in r.rationale for r in card.reviews)  # judged again, from the corrected facts


def test_compare_writes_the_card_when_the_history_cannot_be_written(tmp_path, monkeypatch):
    from assistant import pipeline
    from assistant.cli import app

    blocked = tmp_path / "home-is-a-file"
    blocked.write_text("")
    monkeypatch.setenv("SHIPCARD_HOME", str(blocked))
    monkeypatch.setattr(pipeline, "compare", lambda *args, **kwargs: example())
    result = runner.invoke(app, ["compare", "a.png", "b.png", "--backend", "ocr", "--out", str(tmp_path / "out"),
                                 "--format", "json,md"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["card.json", "card.md"]
    [line] = [ln for ln in result.stderr.splitlines() if ln.startswith("not saved:")]
    assert "home-is-a-file" in line and "SHIPCARD_HOME" in line
