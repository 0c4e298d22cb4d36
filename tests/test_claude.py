"""Escalation through the real `anthropic` SDK, against a local server that speaks the Messages API."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

pytest.importorskip("anthropic")

from conftest import EXAMPLES, ROOT

from assistant import claude
from assistant.claude import ANSWER_TOOL, ClaudeError, ClaudeOptions, card_tool
from assistant.datamodel import Comparison
from assistant.history import History
from tests.example_card import example

pytestmark = pytest.mark.filterwarnings("ignore:The model .* is deprecated:DeprecationWarning")
runner = CliRunner()
KEY = "sk-ant-test-7c1f2e9d0b5a4c3e-SECRET"
REVIEWERS = ["builder", "skeptic", "futurist", "founder"]


def card_input(name: str, score: int = 70, license: str | None = "MIT") -> dict:
    return {
        "facts": {"name": name, "tagline": None, "category": None, "description": None, "entry": "Free",
                  "entry_usd_per_month": 0, "tiers": [{"name": "Free", "price_usd": 0, "period": "month", "text": "Free"}],
                  "license": license, "open_weights": False},
        "reviews": [{"reviewer": r, "score": score + 10 * i, "rationale": f"{r} reads the page."}
                    for i, r in enumerate(REVIEWERS)],
    }


def message(content: list, model: str = "claude-sonnet-5-5") -> dict:
    return {"id": "msg_01", "type": "message", "role": "assistant", "model": model, "content": content,
            "stop_reason": "tool_use", "stop_sequence": None, "usage": {"input_tokens": 100, "output_tokens": 50}}


def error(kind: str, text: str) -> dict:
    return {"type": "error", "error": {"type": kind, "message": text}}


class FakeAnthropic:
    """A Messages API on 127.0.0.1: records each request, replies from a script (default: a valid tool call)."""

    def __init__(self):
        self.requests: list[dict] = []
        self.script: list = []  # each: (status, body, headers, delay_s); empty: a valid tool call
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["content-length"])))
                fake.requests.append({"at": time.monotonic(), "path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body})
                status, reply, headers, delay = fake.script.pop(0) if fake.script else (200, None, {}, 0)
                time.sleep(delay)
                if reply is None:
                    reply = fake.tool_reply(body)
                data = json.dumps(reply).encode()
                try:
                    self.send_response(status)
                    for k, v in {"content-type": "application/json", **headers}.items():
                        self.send_header(k, v)
                    self.send_header("content-length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def tool_reply(self, body: dict) -> dict:
        tool = body["tool_choice"]["name"]
        if tool == "answer":
            data = {"text": "Lumen Notes Pro costs $10/mo.",
                    "citations": [{"product": "Lumen Notes", "field": None, "text": "$10/mo", "image": "pricing.png"}]}
        else:
            product = "Kestrel Coder" if "Kestrel" in json.dumps(body["messages"]) else "Lumen Notes"
            data = card_input(f"{product} (Claude)")
        return message([{"type": "tool_use", "id": "toolu_01", "name": tool, "input": data}], body["model"])

    def then(self, status: int, body: dict | None = None, headers: dict | None = None, delay: float = 0, times: int = 1):
        self.script += [(status, body, headers or {}, delay)] * times


@pytest.fixture
def api(monkeypatch):
    fake = FakeAnthropic()
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    monkeypatch.setenv("ANTHROPIC_BASE_URL", fake.url)
    monkeypatch.delenv("ANTHROPIC_AUTH_TOKEN", raising=False)
    monkeypatch.delenv("SHIPCARD_CLAUDE_MODEL", raising=False)
    yield fake
    fake.server.shutdown()


@pytest.fixture
def saved():
    comparison, screens = example()
    return History.default().save(comparison, screens, "ocr")


def _db_bytes() -> bytes:
    h = History.default()
    return b"".join(p.read_bytes() for p in h.home.glob("history.db*"))


def _cli(*args, input=None):
    from assistant.cli import app

    return runner.invoke(app, list(args), input=input)


def test_escalate_sends_images_facts_and_the_tool_then_merges_with_provenance(api, saved):
    before = History.default().get(saved)
    result = _cli("escalate", str(saved), "--yes")
    assert result.exit_code == 0, result.output
    assert len(api.requests) == 2  # one reading per product
    req = api.requests[0]
    assert req["path"] == "/v1/messages" and req["headers"]["anthropic-version"]
    # the key travels in x-api-key (SDK 0.x) or, as anthropic 2.x sends it, Authorization: Bearer
    assert req["headers"].get("x-api-key") == KEY or req["headers"].get("authorization") == f"Bearer {KEY}"
    body = req["body"]
    assert body["model"] == "claude-sonnet-5-5" and body["tool_choice"] == {"type": "tool", "name": "record_card"}
    assert body["tools"][0]["input_schema"] == card_tool(REVIEWERS)["input_schema"]
    blocks = body["messages"][0]["content"]
    images = [b for b in blocks if b["type"] == "image"]
    assert [b["source"]["media_type"] for b in images] == ["image/png", "image/png"]
    assert base64.b64decode(images[0]["source"]["data"]) == (EXAMPLES / "lumen-notes/landing.png").read_bytes()
    assert json.loads(blocks[-1]["text"].split("\n", 1)[1].split("\n\n")[0])["name"] == "Lumen Notes"
    assert "What is the DX bet?" in blocks[-1]["text"] and "What is the moat?" in blocks[-1]["text"]  # rubric TOML

    after = History.default().get(saved)
    lumen = after.products[0]
    assert lumen.facts.name == "Lumen Notes" and lumen.facts.provenance["name"] == "device"  # solid: kept
    assert lumen.facts.license == "MIT" and lumen.facts.provenance["license"] == "claude"  # missing: filled
    assert after.products[1].facts.license == before.products[1].facts.license == "Apache-2.0"
    assert [(r.source, r.score, r.verdict) for r in lumen.reviews] == [
        ("claude", 70, "ship"), ("claude", 80, "ship"), ("claude", 90, "ship"), ("claude", 100, "ship")]
    assert lumen.panel.ship == 4 and lumen.panel.verdict == "ship"
    assert "Lumen Notes: from Claude: license, open_weights; reviews: builder, skeptic, futurist, founder" in result.stdout
    assert KEY not in result.output and KEY.encode() not in _db_bytes()


def test_nothing_is_sent_without_confirmation(api, saved):
    result = _cli("escalate", str(saved), input="n\n")
    assert result.exit_code == 0 and api.requests == []
    assert "landing.png (1280x800, 80 KB)" in result.output and "Nothing was sent." in result.output
    assert "Lumen Notes: name, tagline, category, description, pricing" in result.output


def test_model_is_configurable(api, saved, monkeypatch):
    monkeypatch.setenv("SHIPCARD_CLAUDE_MODEL", "claude-from-env")
    _cli("escalate", str(saved), "--yes")
    _cli("escalate", str(saved), "--yes", "--claude-model", "claude-from-flag")
    assert [r["body"]["model"] for r in api.requests] == ["claude-from-env"] * 2 + ["claude-from-flag"] * 2


FAULTS = {
    "bad key": ((401, error("authentication_error", "invalid x-api-key")), 1, "Claude rejected the API key (401)."),
    "rate limit": ((429, error("rate_limit_error", "slow down"), {"retry-after": "0"}), 3,
                   "Claude is rate-limiting this key (429) after 2 retries."),
    "overloaded": ((529, error("overloaded_error", "Overloaded")), 3, "Claude is overloaded (529) after 2 retries."),
    "server error": ((500, error("api_error", "boom")), 3, "Claude had a server error (500) after 2 retries."),
    "no tool call": ((200, message([{"type": "text", "text": "I would rather not."}])), 1,
                     "Claude's reply held no record_card tool call"),
    "invalid input": ((200, message([{"type": "tool_use", "id": "t", "name": "record_card",
                                      "input": card_input("X", score=150)}])), 1,
                      "Claude's reply does not fit the card schema (reviews.0.score: Input should be less than or equal to 100)."),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_each_fault_is_one_line_and_the_card_stays(api, saved, fault):
    reply, calls, expected = FAULTS[fault]
    api.then(reply[0], reply[1], reply[2] if len(reply) > 2 else None, times=3)
    before = History.default().get(saved)
    result = _cli("escalate", str(saved), "--yes")
    assert isinstance(result.exception, ClaudeError), result.output
    line = str(result.exception)
    assert expected in line and "\n" not in line and f"Card #{saved} is saved and unchanged." in line
    assert len(api.requests) == calls  # bounded retries, seen by the server
    assert [r["headers"].get("x-stainless-retry-count") for r in api.requests] == [str(i) for i in range(calls)]
    assert History.default().get(saved) == before
    assert KEY not in result.output and KEY not in line and KEY.encode() not in _db_bytes()


def test_rate_limit_honours_retry_after_then_succeeds(api, saved):
    api.then(429, error("rate_limit_error", "slow down"), {"retry-after": "1"})
    result = _cli("escalate", str(saved), "--yes")
    assert result.exit_code == 0, result.output
    first, second = api.requests[:2]
    assert second["at"] - first["at"] >= 0.9 and len(api.requests) == 3
    assert History.default().get(saved).products[0].reviews[0].source == "claude"


def test_no_key(api, saved, monkeypatch):
    monkeypatch.delenv("ANTHROPIC_API_KEY")
    result = _cli("escalate", str(saved), "--yes")
    assert isinstance(result.exception, ClaudeError) and api.requests == []
    assert str(result.exception).startswith("No Anthropic API key found. Set the ANTHROPIC_API_KEY environment variable")


def test_timeout_is_short_and_bounded(api, saved):
    """--claude-timeout is a deadline for the whole call: a reply past it is not waited for, nor retried."""
    api.then(200, None, delay=2, times=2)
    comparison, _ = example()
    shots = claude.load_shots(comparison, History.default().screen_files(saved))
    t0 = time.perf_counter()
    with pytest.raises(ClaudeError, match=r"^Claude did not answer within the 0.5 s deadline\."):
        claude.escalate(comparison, shots, ClaudeOptions(timeout_s=0.5, max_retries=1))
    assert time.perf_counter() - t0 < 1.5 and len(api.requests) == 1


def test_compare_escalation_failure_keeps_the_local_card(api, tmp_path, capsys):
    """`compare --escalate --yes`: escalate, write the card files, then save; a Claude fault only warns."""
    from assistant.backends import EngineOptions
    from assistant.console import finish as _finish
    from assistant.session import Session

    engine = type("Engine", (), {"name": "ocr", "options": EngineOptions()})()
    api.then(429, error("rate_limit_error", "slow down"), {"retry-after": "0"}, times=3)
    kept = Session.of(*example(), engine)
    _finish(kept, tmp_path / "out", ["json"], escalate=True, yes=True)
    err = capsys.readouterr().err
    assert "error: Claude is rate-limiting this key (429)" in err and "The local card stands." in err
    assert "saved as #1" in err and KEY not in err
    assert kept.id == 1 and all(r.source == "device" for p in kept.comparison.products for r in p.reviews)
    assert History.default().get(1).model_dump(exclude={"id"}) == example()[0].model_dump(exclude={"id"})
    assert Comparison.model_validate_json((tmp_path / "out" / "card.json").read_text()).id is None  # written first

    merged = Session.of(*example(), engine)
    _finish(merged, tmp_path / "out", ["json"], escalate=True, yes=True)
    assert merged.id == 2 and History.default().get(2).products[0].reviews[0].source == "claude"


def test_ask_escalate_answers_through_the_tool(api, saved):
    result = _cli("ask", str(saved), "What does Pro cost?", "--escalate", "--yes", "--json")
    assert result.exit_code == 0, result.output
    body = api.requests[0]["body"]
    assert body["tools"] == [ANSWER_TOOL] and "Question: What does Pro cost?" in body["messages"][0]["content"][-1]["text"]
    assert sum(b["type"] == "image" for b in body["messages"][0]["content"]) == 4
    a = json.loads(result.stdout)
    assert a["source"] == "claude" and a["engine"] == "claude-sonnet-5-5" and a["citations"][0]["text"] == "$10/mo"
    [kept] = History.default().answers(saved)
    assert kept.source == "claude" and KEY.encode() not in _db_bytes()


def test_ask_escalate_declined_answers_on_the_device(api, saved):
    result = _cli("ask", str(saved), "What does the Pro tier cost?", "--escalate", input="n\n")
    assert api.requests == [] and "Lumen Notes' Pro tier costs $10/mo." in result.stdout


def test_weak_fields_suggest_escalation():
    comparison, _ = example()
    assert comparison.products[0].facts.weak_fields() == ["license", "open_weights"]
    assert comparison.products[1].facts.weak_fields() == []


def test_core_works_without_the_claude_extra(tmp_path):
    code = ("import sys; sys.modules['anthropic'] = None\n"
            "import assistant.cli, assistant.history_cli, assistant.claude as c\n"
            "from assistant.errors import MissingDependencyError\n"
            "try:\n    c.connect(c.ClaudeOptions())\nexcept MissingDependencyError as e:\n    print(e)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                         check=False)
    assert "pip install 'shipcard[claude]'" in out.stdout, out.stderr
