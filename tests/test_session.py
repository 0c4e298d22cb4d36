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
    leads = [r.rationale.split("“")[0] for r in card.reviews]  # the reviewers' own words, before any quote
    assert all("Kestrel" in lead and "Kestrel Coder" not in lead for lead in leads)  # judged again


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


@pytest.fixture
def frozen_reads(monkeypatch):
    """The example screenshots read as frozen (no OCR run): the CLI's own read finds their lines by sha256."""
    from assistant import ocr
    from assistant.datamodel import Screen
    from tests.example_card import example_screens

    frozen = {s.loaded.sha256: s.lines for product in example_screens() for s in product}
    real, ocred = ocr.read, []

    def read(image, *args, **kwargs):
        if image.sha256 in frozen:
            return Screen(loaded=image, lines=frozen[image.sha256])
        ocred.append(image.name)
        return real(image, *args, **kwargs)

    monkeypatch.setattr(ocr, "read", read)
    return ocred  # the names of the screenshots OCR'd for real


def test_one_product_gets_its_own_verdict_card_from_verdict_and_from_compare(tmp_path, frozen_reads):
    from assistant.cli import app
    from assistant.datamodel import Comparison
    from tests.example_card import PRODUCTS

    kestrel = PRODUCTS[1]
    made = runner.invoke(app, ["verdict", *sorted(str(p) for p in kestrel.glob("*.png")), "--json", "--backend", "ocr",
                               "--out", str(tmp_path / "v")])
    assert made.exit_code == 0, made.output
    alone = Comparison.model_validate_json(made.stdout)  # the same schema: a comparison with one product
    assert [p.facts.name for p in alone.products] == ["Kestrel Coder"] and len(alone.products[0].reviews) == 4
    assert sorted(p.name for p in (tmp_path / "v").glob("card.*")) == ["card.html", "card.json", "card.md", "card.png"]
    compared = runner.invoke(app, ["compare", str(kestrel), "--json", "--backend", "ocr", "--out", str(tmp_path / "c")])
    assert compared.exit_code == 0, compared.output
    assert Comparison.model_validate_json(compared.stdout).products == alone.products


def test_add_puts_a_product_on_a_saved_card_without_reading_the_first_again(tmp_path, frozen_reads, no_reload,
                                                                            monkeypatch):
    from assistant.cli import app
    from tests.example_card import PRODUCTS

    made = runner.invoke(app, ["verdict", str(PRODUCTS[0]), "--backend", "ocr", "--format", "md", "--out", str(tmp_path)])
    assert made.exit_code == 0, made.output
    first = History.default().rows()[0].id
    added = runner.invoke(app, ["add", str(first), str(PRODUCTS[1]), "--backend", "ocr", "--format", "md", "--json",
                                "--out", str(tmp_path)])
    assert added.exit_code == 0, added.output
    rows = History.default().rows()
    assert len(rows) == 2 and {r.title for r in rows} == {"Lumen Notes", "Lumen Notes vs Kestrel Coder"}
    new = max(r.id for r in rows)
    assert new != first and frozen_reads == []  # nothing OCR'd; the first card's images came from the store
    assert no_reload == [first]
    assert [s.name for s in History.default().load_screens(new)[0]] == ["landing.png", "pricing.png"]
    assert [p.facts.name for p in History.default().get(new).products] == ["Lumen Notes", "Kestrel Coder"]


def test_the_ui_makes_a_verdict_card_from_one_drop_zone(frozen_reads):
    actions = pytest.importorskip("ui.actions")
    from tests.example_card import PRODUCTS

    one = [str(p) for p in sorted(PRODUCTS[1].glob("*.png"))]
    session = actions.run_compare([one, []], "ocr", None, lambda *a: None)
    assert [p.facts.name for p in session.comparison.products] == ["Kestrel Coder"] and session.id is not None
