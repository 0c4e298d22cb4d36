"""Deadlines, not per-read timeouts: a Messages API on loopback that answers one byte a second, or asks to wait an hour."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from assistant.claude import ClaudeError, ClaudeOptions, call_tool
from assistant.deadline import MAX_RETRY_AFTER_S, Deadline, DeadlineExceeded, retry_wait

TOOL = {"name": "answer", "description": "x", "input_schema": {"type": "object", "properties": {}}}


class Slow(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("content-length", 0)))
        self.server.hits += 1
        if self.server.mode == "retry":
            body = b'{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}'
            self.send_response(429)
            for k, v in (("retry-after", "3600"), ("content-type", "application/json"),
                         ("content-length", str(len(body)))):
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)
            return
        reply = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n" + b" " * 100
        try:  # one byte a second, headers included: every read is quick, the whole reply takes minutes
            for byte in reply:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(1)
        except OSError:
            pass

    def log_message(self, *args):
        pass


@pytest.fixture(params=["slow", "retry"])
def server(request, monkeypatch):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    httpd.daemon_threads, httpd.mode, httpd.hits = True, request.param, 0
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-test")
    monkeypatch.setenv("ANTHROPIC_BASE_URL", f"http://127.0.0.1:{httpd.server_address[1]}")
    yield httpd
    httpd.shutdown()


def test_the_whole_call_ends_at_its_deadline(server):
    pytest.importorskip("anthropic")
    started = time.monotonic()
    with pytest.raises(ClaudeError) as caught:
        call_tool(ClaudeOptions(timeout_s=3), [{"type": "text", "text": "hi"}], TOOL)
    took = time.monotonic() - started
    assert "\n" not in str(caught.value)
    if server.mode == "slow":
        assert 2.5 < took < 5 and "3 s deadline" in str(caught.value)
    else:  # an hour's retry-after is not obeyed: it would pass the deadline
        assert took < 2 and server.hits == 1 and "3600" in str(caught.value)


def test_compare_escalate_has_the_deadline_too(server, tmp_path):
    from assistant.cli import app

    result = CliRunner().invoke(app, ["compare", "--help"])
    assert "--claude-timeout" in result.output and "--claude-timeout" in CliRunner().invoke(app, ["extract", "--help"]).output


def test_retry_after_is_capped():
    assert retry_wait("3600", 1) == MAX_RETRY_AFTER_S == 30
    assert retry_wait("2", 1) == 2 and retry_wait("nan", 2) == 2 and retry_wait("soon", 1) == 1
    assert retry_wait(None, 3) == 4


def test_a_deadline_stops_waiting_and_cancels():
    cancelled = threading.Event()
    started = time.monotonic()
    with pytest.raises(DeadlineExceeded):
        Deadline(0.3).run(lambda: cancelled.wait(10), cancel=cancelled.set)
    assert time.monotonic() - started < 1 and cancelled.is_set()
    assert Deadline(1).run(lambda: 42) == 42
