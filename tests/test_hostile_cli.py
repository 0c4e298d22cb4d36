"""Unlucky homes, odd outputs and page text with escapes: each ends in a result or one line, and nothing saved is lost."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest
from typer.testing import CliRunner

from assistant.card import render_markdown, write_card
from assistant.cli import app
from assistant.datamodel import Screen
from assistant.errors import ShipcardError
from assistant.history import History
from assistant.session import MAX_QUESTION_CHARS, Session, clean_question

runner = CliRunner()


@pytest.fixture
def saved(home, example_comparison):
    comparison, screens = example_comparison
    History.default().save(comparison, screens, "ocr")
    return comparison, screens


def _one_line(result) -> str:
    """The command ended on a ShipcardError, which `shipcard` prints as its one line (see test_cli)."""
    assert isinstance(result.exception, ShipcardError), repr(result.exception)
    text = str(result.exception)
    assert "\n" not in text and "\x1b" not in text
    return text


def test_a_home_that_is_a_file_is_one_line(tmp_path, monkeypatch):
    (tmp_path / "home-file").write_text("x")
    monkeypatch.setenv("SHIPCARD_HOME", str(tmp_path / "home-file"))
    assert "home-file" in _one_line(runner.invoke(app, ["history"]))


def test_export_to_a_folder_writes_a_file_in_it(saved, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["export", "--all", "--out", "."])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "shipcard-export.json").is_file()


def test_card_files_under_a_file_are_one_line(saved, tmp_path):
    (tmp_path / "taken").write_text("x")
    with pytest.raises(ShipcardError) as caught:
        write_card(saved[0], tmp_path / "taken", ["md"])
    assert "\n" not in str(caught.value) and "taken" in str(caught.value)


@pytest.mark.parametrize("id", ["99999999999999999999999", "9223372036854775808"])
def test_a_huge_id_is_no_card(saved, id):
    for command in (["show", id], ["vote", id, "1", "up"], ["ask", id, "price?"], ["escalate", id, "--yes"]):
        assert "No saved card" in _one_line(runner.invoke(app, command))


def test_titles_and_names_reach_the_terminal_without_escapes(saved):
    comparison, screens = saved
    comparison.title = "evil\x1b]0;pwned\x07\x1b[2J title"
    comparison.products[0].facts.name = "Evil\x1b[31m\x9b1m"
    History.default().save(comparison, screens, "ocr")
    for command in (["history"], ["show", "2"], ["vote", "2", "1", "up"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 0 and "\x1b" not in result.output and "\x9b" not in result.output, result.output


def test_markdown_carries_page_text_as_text(saved):
    comparison, _ = saved
    facts = comparison.products[0].facts
    facts.tagline = "<script>alert(1)</script> | cell"
    facts.description = '<img src=x onerror="alert(1)"> [docs](javascript:alert(1)) **bold**'
    text = render_markdown(comparison)
    assert "<script" not in text and "<img" not in text and "](javascript:" not in text
    assert "&lt;script&gt;" in text and r"\| cell" in text and r"\*\*bold\*\*" in text


def test_a_full_disk_costs_the_entry_not_the_history(saved, monkeypatch):
    """SQLite rolls back by itself on SQLITE_FULL; our ROLLBACK then failed with 'cannot rollback' (a traceback)."""
    history = History.default()
    comparison, screens = saved
    before = sorted(p.name for p in history.screens_dir.iterdir())

    def full(db, *args):
        db.execute("ROLLBACK")  # what SQLite did on its own
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(History, "_insert", lambda self, db, *a: full(db))
    first = screens[0][0]  # a new screenshot, so the save would copy it in (Screens are shared: replace, not change)
    screens[0][0] = Screen(loaded=replace(first.loaded, name="new.png", sha256="f" * 64, path=None), lines=first.lines)
    with pytest.raises(ShipcardError) as caught:
        history.save(comparison, screens, "ocr")
    assert "\n" not in str(caught.value) and str(history.path) in str(caught.value) and "disk" in str(caught.value)
    monkeypatch.undo()
    assert [r.id for r in history.rows()] == [1] and history.get(1).title == comparison.title
    assert sorted(p.name for p in history.screens_dir.iterdir()) == before  # no copy without a row


def test_questions_are_cleaned_and_capped(saved):
    assert clean_question("price \udcff?") == "price \ufffd?"
    assert clean_question("a\x1b[2Jb") == "ab"
    with pytest.raises(ShipcardError, match="question budget"):
        clean_question("x" * (MAX_QUESTION_CHARS + 1))
    session = Session.load(1, History.default(), "ocr")
    with pytest.raises(ShipcardError, match="question budget"):
        session.ask("Which is cheaper? " * 6000)
