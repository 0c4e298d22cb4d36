"""An import file is hostile: each bad one ends in one line, nothing of it is kept, and the history still works.

The cases are the issue's (#11): files that crashed the import, and files that were accepted and then broke
`show`, `ask` and `export --all` for every card.
"""

from __future__ import annotations

import math
import sqlite3

import pytest

from assistant.errors import ShipcardError
from assistant.history import History
from assistant.history.transfer import loads
from assistant.session import Session


@pytest.fixture
def exported(home, example_comparison):
    comparison, screens = example_comparison
    history = History.default()
    history.save(comparison, screens, "ocr")
    data = history.export([1])
    history.vote(1, 0, True)
    return history, data


def _card(d):
    return d["cards"][0]


def _nan_boxes(d):
    for p in _card(d)["comparison"]["products"]:
        for ev in p["facts"]["evidence"].values():
            for e in ev:
                e["box"] = [math.nan] * 4


def _deep(d):
    deep: object = "x"
    for _ in range(200):
        deep = {"a": deep}
    _card(d)["answers"] = [{"created_at": "x", "question": "q", "answer": deep, "source": "device"}]


BAD = {
    "bad base64": lambda d: _card(d)["screens"][0][0].update(image_b64="!!not base64!!"),
    "votes missing keys": lambda d: _card(d).update(votes=[{"up": True}]),
    "answers missing keys": lambda d: _card(d).update(answers=[{"question": "q"}]),
    "huge vote index": lambda d: _card(d).update(votes=[{"product_idx": 10**30, "up": True, "created_at": "x"}]),
    "vote for a missing product": lambda d: _card(d).update(votes=[{"product_idx": 5, "up": True}]),
    "deep nesting": _deep,
    "NaN boxes": _nan_boxes,
    "more screen lists than products": lambda d: _card(d).update(screens=_card(d)["screens"] * 3),
    "OCR line without text": lambda d: _card(d)["screens"][0][0].update(lines=[{"box": [0, 0, 1, 1], "confidence": 1}]),
    "reviewer id is a regex": lambda d: [r.update(reviewer="(builder") for p in _card(d)["comparison"]["products"]
                                         for r in p["reviews"]],
    "unknown key": lambda d: _card(d).update(sneaky=1),
    "answer of the wrong shape": lambda d: _card(d).update(
        answers=[{"created_at": "x", "question": "q", "answer": {"citations": 5}, "source": "device"}]),
    "not an image": lambda d: _card(d)["screens"][0][0].update(
        image_b64="aGVsbG8=", sha256="2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"),
    "a huge title": lambda d: _card(d)["comparison"].update(title="x" * 300_000),
}


@pytest.mark.parametrize("name", list(BAD))
def test_a_bad_import_is_one_line_and_changes_nothing(exported, name):
    history, data = exported
    BAD[name](data)
    before = sorted(p.name for p in history.screens_dir.iterdir())
    with pytest.raises(ShipcardError) as caught:
        history.import_(data)
    assert "\n" not in str(caught.value)
    assert [r.id for r in history.rows()] == [1]  # all or nothing
    assert sorted(p.name for p in history.screens_dir.iterdir()) == before
    session = Session.load(1, history, "ocr")  # the history still works
    assert session.ask("Which one is cheaper to start with?").text
    assert len(history.export()["cards"]) == 1


def test_import_cleans_names_and_sniffs_the_suffix(exported):
    history, data = exported
    screen = _card(data)["screens"][0][0]
    screen.update(name="../../etc/passwd\x1b]0;pwned\x07", ext="/../../x.sh")
    [cid] = history.import_(data)
    [(name, path), *_] = history.screen_files(cid)[0]
    assert name == "passwd" and path.parent == history.screens_dir and path.suffix == ".png"


@pytest.mark.parametrize("text", ['{"a": ' * 100_000 + "1" + "}" * 100_000, '{"x": NaN}', '{"x": -Infinity}',
                                  "[" * 50 + "]" * 50])
def test_parse_refuses_deep_nesting_and_non_numbers_in_one_line(text):
    with pytest.raises(ShipcardError) as caught:
        loads(text)
    assert "\n" not in str(caught.value)


def _break_rows(history: History) -> None:
    """What an older shipcard's import let in: a card that no longer validates, lines and answers that do not parse."""
    db = sqlite3.connect(history.path)
    with db:
        db.execute("UPDATE comparisons SET data = '{\"title\": 1}' WHERE id = 2")
        db.execute("UPDATE screens SET lines = '[{\"box\": [0,0,1,1]}]' WHERE comparison_id = 3")
        db.execute("INSERT INTO screens (comparison_id, product_idx, position, sha256, name, lines)"
                   " VALUES (3, 7, 0, ?, 'x.png', 'nope')", ("0" * 64,))
        db.execute("INSERT INTO answers (comparison_id, created_at, question, answer, source) VALUES (3, 'x', 'q',"
                   " '{bad', 'device')")
    db.close()


def test_a_bad_row_costs_only_its_card(exported, caplog):
    history, data = exported
    history.import_(data)
    history.import_(data)
    _break_rows(history)
    assert [r.id for r in history.rows()] == [3, 2, 1]
    with pytest.raises(ShipcardError, match=r"#2 .*damaged") as caught:
        history.get(2)
    assert "\n" not in str(caught.value)
    session = Session.load(3, history, "ocr")
    assert session.answers() == []  # the damaged answer is skipped
    assert session.ask("Which one is cheaper?").text
    assert [c["comparison"]["title"] for c in history.export()["cards"]] == [history.get(1).title] * 2
    assert "#2 left out" in caplog.text


@pytest.mark.parametrize("id", [0, -1, 2**63, 10**30])
def test_an_id_sqlite_cannot_hold_is_no_card(exported, id):
    history, _ = exported
    with pytest.raises(ShipcardError, match="No saved card"):
        history.get(id)
