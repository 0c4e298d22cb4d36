"""The UI's edges without a browser: exposure refused without a password, auth parsing, evidence boxes, escalation."""

from __future__ import annotations

import pytest
from conftest import EXAMPLES
from PIL import Image
from typer.testing import CliRunner

from assistant.cli import app
from assistant.datamodel import Evidence
from assistant.errors import ShipcardError

pytest.importorskip("gradio")
from ui import chatting
from ui.actions import Session
from ui.cli import check_exposure, is_loopback, load_credentials, parse_auth, read_auth_file
from ui.evidence import draw_boxes, evidence_picture


def test_binding_all_addresses_without_auth_refuses_in_one_line(monkeypatch):
    def never(*args):
        raise AssertionError("a server was started")

    monkeypatch.setattr("ui.cli.serve", never)
    result = CliRunner().invoke(app, ["ui", "--host", "0.0.0.0"], standalone_mode=False)
    assert isinstance(result.exception, ShipcardError)
    message = str(result.exception)
    assert "0.0.0.0" in message and "--auth" in message and "\n" not in message


def test_auth_parsing_and_files(tmp_path):
    assert parse_auth("alice:pa:ss") == ("alice", "pa:ss")
    for bad in ("alice", ":x", "alice:"):
        with pytest.raises(ShipcardError):
            parse_auth(bad)
    f = tmp_path / "users"
    f.write_text("# team\nalice:one\n\nbob:two\n")
    assert read_auth_file(f) == [("alice", "one"), ("bob", "two")]
    assert load_credentials("carol:three", f)[0] == ("carol", "three")
    check_exposure("0.0.0.0", [("a", "b")])  # with a password it may listen on the network
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1") and not is_loopback("0.0.0.0")


def test_evidence_boxes_drawn_on_the_real_screenshot():
    path = EXAMPLES / "lumen-notes" / "landing.png"
    ev = Evidence(text="Lumen Notes", image="landing.png", box=(66, 186, 541, 269), confidence=1.0)
    plain = Image.open(path).convert("RGB")
    drawn = draw_boxes(plain.copy(), [ev])
    assert drawn.size == plain.size and drawn.getpixel((66, 228)) != plain.getpixel((66, 228))
    assert drawn.getpixel((300, 700)) == plain.getpixel((300, 700))  # only the box is marked
    assert evidence_picture([ev], {"landing.png": path}).size == plain.size
    assert evidence_picture([ev], {"other.png": path}) is None  # never an image that was not uploaded


def test_escalate_button_disabled_without_key_and_faults_keep_the_card(monkeypatch, example_comparison):
    ready, why = chatting.escalation_ready()
    assert not ready and "ANTHROPIC_API_KEY" in why
    comparison, screens = example_comparison
    session = Session(comparison.model_copy(deep=True), screens)
    with pytest.raises(ShipcardError, match="unavailable"):
        chatting.escalate(session)
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-test-not-real")
    monkeypatch.setenv("ANTHROPIC_BASE_URL", "http://127.0.0.1:9")  # nothing listens: a network fault
    before = session.comparison.model_dump()
    kept, note = chatting.escalate(session)
    assert note.startswith("Claude could not help") and "\n" not in note
    assert kept.comparison.model_dump() == before
    assert "sk-test-not-real" not in note


def test_refusal_from_the_real_command_is_one_line():
    import os
    import subprocess
    import sys

    env = {**os.environ, "COLUMNS": "400"}
    done = subprocess.run([sys.executable, "-c", "from assistant.cli import main; main()", "ui", "--host", "0.0.0.0"],
                          capture_output=True, text=True, env=env, timeout=60, check=False)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().startswith("error: Refusing to serve on 0.0.0.0 without a password.")
    assert len(done.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("host,needs_auth", [("127.0.0.2", False), ("::", True), ("192.168.1.4", True), ("example.com", True)])
def test_which_hosts_need_a_password(host, needs_auth):
    if needs_auth:
        with pytest.raises(ShipcardError, match="without a password"):
            check_exposure(host, [])
    else:
        check_exposure(host, [])


def test_missing_gradio_names_the_extra(monkeypatch):
    import sys

    from assistant.errors import MissingDependencyError
    from ui.cli import serve

    monkeypatch.setitem(sys.modules, "gradio", None)
    with pytest.raises(MissingDependencyError, match=r"shipcard\[ui\]"):
        serve("127.0.0.1", 7860, [], "auto")


def test_evidence_index_names_fields_and_criteria(example_comparison):
    from ui.evidence import evidence_index, product_names

    comparison, _ = example_comparison
    index = evidence_index(comparison)
    assert "Lumen Notes · name" in index and index["Kestrel Coder · name"][0] == 1
    assert any(label.startswith("Kestrel Coder · ") and "/" in label for label in index)  # a reviewer's criterion
    twins = comparison.model_copy(deep=True)
    twins.products[1].facts.name = "Lumen Notes"
    assert product_names(twins) == ["Lumen Notes (1)", "Lumen Notes (2)"]


def test_card_frame_keeps_the_card_styles_inside():
    from assistant.datamodel import Comparison
    from ui.app import card_frame

    frame = card_frame(Comparison(title="A <b>vs</b> B", products=[]))
    assert frame.startswith('<iframe class="shipcard-card"') and 'sandbox="allow-same-origin"' in frame
    assert "<style" not in frame and "&lt;style" in frame and "<b>" not in frame


def test_a_fix_through_the_ui_rejudges_and_saves_the_card(example_comparison):
    pytest.importorskip("assistant.corrections")
    from assistant.backends import choose
    from assistant.card import render_html
    from assistant.history import History
    from ui import actions

    session = Session.of(*example_comparison, choose("ocr"))
    cid = session.save()
    note = actions.fix(session, 0, "tiers", "Free=$0, Pro=$20/mo")
    assert note.startswith("Lumen Notes: tiers set by you") and "\n" not in note
    saved = History.default().get(cid).products[0]
    assert [t.name for t in saved.facts.pricing.tiers] == ["Free", "Pro"] and saved.facts.provenance["pricing"] == "person"
    assert saved.reviews == session.comparison.products[0].reviews  # the new verdicts are the saved ones
    assert "Set by a person (no evidence on the page)" in render_html(session.comparison)

    reopened = actions.load_saved(cid)  # a saved card reopened is correctable too
    before = [r.rationale for r in reopened.comparison.products[1].reviews]
    actions.fix(reopened, 1, "name", "Kestrel")
    row = History.default().rows()[0]
    assert row.title == "Lumen Notes vs Kestrel" and row.products[1].name == "Kestrel"
    after = [r.rationale for r in History.default().get(cid).products[1].reviews]
    assert after == [r.replace("Kestrel Coder", "Kestrel", 1) for r in before]  # judged again, under the new name
    for field, value in (("price", "$1"), ("open_weights", "maybe"), ("", "x")):
        with pytest.raises(ShipcardError) as bad:
            actions.fix(reopened, 0, field, value)
        assert "\n" not in str(bad.value)
