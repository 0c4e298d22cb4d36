"""The UI's edges without a browser: exposure refused without a password, auth parsing, evidence boxes, escalation."""

from __future__ import annotations

import pytest
from PIL import Image
from typer.testing import CliRunner

from assistant.cli import app
from assistant.errors import ShipcardError
from assistant.facts import Evidence
from conftest import EXAMPLES

pytest.importorskip("gradio")
from ui import chatting  # noqa: E402
from ui.actions import Session  # noqa: E402
from ui.cli import check_exposure, is_loopback, load_credentials, parse_auth, read_auth_file  # noqa: E402
from ui.evidence import draw_boxes, evidence_picture  # noqa: E402


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
    session = Session(comparison=comparison.model_copy(deep=True),
                      images=[{s.name: s.loaded.path for s in product} for product in screens],
                      lines=[[ln for s in product for ln in s.lines] for product in screens], backend="ocr")
    with pytest.raises(ShipcardError, match="unavailable"):
        chatting.escalate(session)
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-test-not-real")
    monkeypatch.setenv("ANTHROPIC_BASE_URL", "http://127.0.0.1:9")  # nothing listens: a network fault
    before = session.comparison.model_dump()
    kept, note = chatting.escalate(session)
    assert note.startswith("Claude could not help") and "\n" not in note
    assert kept.comparison.model_dump() == before
    assert "sk-test-not-real" not in note
