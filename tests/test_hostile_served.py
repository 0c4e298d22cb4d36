"""Issue 23, points 1, 2, 9 and 10: a hostile server behind `--backend openai` or ANTHROPIC_BASE_URL.

Every case runs against tests/openai_standin.py's hostile modes on loopback (real sockets, real httpx and the
real Anthropic SDK): slow headers, endless and gzip-bombed bodies, redirects, a 500 echoing the key. Each ends
in one line, within the deadline plus 2 s, without the key, and the big bodies in a subprocess whose peak
memory is measured.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.backends.openai import OpenAIOptions
from assistant.backends.openai.http import Http, ServerError
from assistant.errors import ShipcardError
from common.sanitize import printable
from tests.openai_standin import StandIn

pytest.importorskip("httpx")
ROOT = Path(__file__).resolve().parents[1]
KEY = "sk-test-HOSTILE-0123456789"
TOOL = {"name": "t", "description": "d", "input_schema": {"type": "object"}}


def http(stand: StandIn, timeout_s: float = 3.0, retries: int = 0, **kw) -> Http:
    return Http(stand.url, KEY, timeout_s, retries, 4, **kw)


def test_slow_headers_end_at_the_deadline_and_the_message_gives_it():
    with StandIn("slow_headers") as stand:
        stand.slow_for_s = 30
        t0 = time.monotonic()
        with pytest.raises(ServerError, match=r"did not answer within 2 s\."):
            http(stand, timeout_s=2, retries=2).post(stand.url + "/chat/completions", {})
        assert time.monotonic() - t0 < 2 + 2  # the target: the deadline plus 2 s


def test_a_short_call_names_its_own_timeout_not_the_engines():
    with StandIn("slow_headers") as stand:
        stand.slow_for_s = 30
        with pytest.raises(ServerError, match=r"within 1 s\."):
            http(stand, timeout_s=120).get(stand.url + "/models", timeout_s=1)


@pytest.mark.parametrize("mode", ["huge", "gzip_bomb"])
def test_a_huge_or_bombed_reply_stops_at_the_cap_and_names_the_setting(mode):
    with StandIn(mode, huge_bytes=64 * 2**20) as stand, pytest.raises(ServerError) as info:
        http(stand, max_reply_mb=1).post(stand.url + "/chat/completions", {})
    text = str(info.value)
    assert "1 MB limit (-o max_reply_mb)" in text and "\n" not in text


def test_the_cap_is_an_engine_option_with_a_default():
    assert OpenAIOptions().max_reply_mb == 8.0
    assert OpenAIOptions(max_reply_mb=2).max_reply_mb == 2.0


PEAK = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from tests.openai_standin import StandIn
from assistant.backends.openai.http import Http, ServerError
out = {}
for mode in ("huge", "gzip_bomb"):
    with StandIn(mode, huge_bytes=int(sys.argv[2])) as stand:
        t0 = time.monotonic()
        try:
            Http(stand.url, None, 30, 0, 4).post(stand.url + "/chat/completions", {})
            out[mode] = "answered"
        except ServerError as exc:
            out[mode] = str(exc)
        out[mode + "_s"] = time.monotonic() - t0
# VmHWM: this process's own peak. ru_maxrss would not do: Linux carries it over fork and exec, so a child of a
# 1.5 GB pytest reports 1.5 GB before it allocates anything.
status = open("/proc/self/status").read() if sys.platform == "linux" else ""
hwm = [line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")]
out["peak_mb"] = int(hwm[0]) / 1024 if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def test_peak_memory_of_a_1_gib_body_and_bomb_stays_small():
    """A 1 GiB body and a gzip bomb inflating to 1 GiB: the process stays far under 1 GB (old code read them whole)."""
    done = subprocess.run([sys.executable, "-c", PEAK, str(ROOT), str(2**30)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert "8 MB limit" in out["huge"] and "8 MB limit" in out["gzip_bomb"], out
    assert out["peak_mb"] < 1024, out


def test_a_redirect_is_an_error_naming_where_and_nothing_reaches_it():
    with StandIn() as elsewhere, StandIn("redirect", redirect_to=elsewhere.url + "/chat/completions") as stand:
        with pytest.raises(ServerError, match=r"redirected \(307\) to http://127\.0\.0\.1:\d+/v1/chat/completions"):
            http(stand).post(stand.url + "/chat/completions", {"model": "x"})
        assert elsewhere.requests == []


def test_an_echoed_authorization_header_never_reaches_the_message():
    with StandIn("echo") as stand, pytest.raises(ServerError) as info:
        http(stand).post(stand.url + "/chat/completions", {})
    assert "Authorization" in str(info.value) and KEY not in str(info.value)


def test_a_key_in_the_base_url_is_not_echoed():
    with StandIn("echo") as stand:
        url = stand.url.replace("/v1", "/v1?key=SECRET-Q")
        with pytest.raises(ShipcardError) as info:
            Http(url, None, 2, 0, 1).post(url + "/chat/completions", {})
    assert "SECRET-Q" not in str(info.value)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/v1", "127.0.0.1:8080/v1", "http://[::1/v1",
                                 "http://127.0.0.1:port/v1"])
def test_base_urls_that_are_not_http_are_one_line_exit_2(url, tmp_path):
    (tmp_path / "m.jsonl").write_text(json.dumps({"products": [["a.png"], ["b.png"]]}) + "\n")
    done = subprocess.run([sys.executable, "-m", "assistant", "batch", str(tmp_path / "m.jsonl"), "--out",
                           str(tmp_path / "out"), "--backend", "openai", "--base-url", url], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "server URL" in done.stderr


def test_redact_covers_headers_queries_and_known_keys():
    from common.sanitize import redact

    text = redact(f"Authorization: Bearer {KEY}; x-api-key: abc123; api-key=zzz9 http://h/v1?key=K1&token=T2 {KEY}")
    assert KEY not in text and "abc123" not in text and "zzz9" not in text and "K1" not in text and "T2" not in text


def test_bidi_overrides_leave_every_shown_text():
    assert printable("Acme\u202eredoC\u2066x\u200f") == "AcmeredoCx"


# ---- the Claude API: the same server behind ANTHROPIC_BASE_URL ------------------------------------------------


@pytest.fixture
def claude_env(monkeypatch):
    pytest.importorskip("anthropic")
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    monkeypatch.delenv("ANTHROPIC_AUTH_TOKEN", raising=False)

    def at(stand: StandIn) -> None:
        monkeypatch.setenv("ANTHROPIC_BASE_URL", stand.url[: -len("/v1")])

    return at


def _claude(timeout_s: float = 3.0):
    from assistant.claude.api import ClaudeOptions, call_tool

    return call_tool(ClaudeOptions(timeout_s=timeout_s, max_retries=1), [{"type": "text", "text": "hi"}], TOOL)


def test_claude_never_follows_a_redirect(claude_env):
    from assistant.claude import ClaudeError

    with StandIn() as elsewhere, StandIn("redirect", redirect_to=elsewhere.url[:-3] + "/v1/messages") as stand:
        claude_env(stand)
        with pytest.raises(ClaudeError, match=r"redirect \(307\) to http://127\.0\.0\.1:\d+/v1/messages"):
            _claude()
        assert elsewhere.requests == []


@pytest.mark.parametrize("mode", ["huge", "gzip_bomb"])
def test_claude_replies_are_capped(claude_env, mode, monkeypatch):
    from assistant.claude import ClaudeError

    monkeypatch.setenv("SHIPCARD_MAX_REPLY_MB", "1")
    with StandIn(mode, huge_bytes=64 * 2**20) as stand:
        claude_env(stand)
        with pytest.raises(ClaudeError, match=r"1 MB limit \(\$SHIPCARD_MAX_REPLY_MB\)"):
            _claude()
        assert len(stand.requests) == 1  # not retried: the same server sends the same bomb


def test_claude_slow_headers_end_at_the_deadline(claude_env):
    from assistant.claude import ClaudeError

    with StandIn("slow_headers") as stand:
        stand.slow_for_s = 30
        claude_env(stand)
        t0 = time.monotonic()
        with pytest.raises(ClaudeError, match=r"within the 2 s deadline"):
            _claude(timeout_s=2)
        assert time.monotonic() - t0 < 2 + 2


def test_no_bidi_override_reaches_any_text_of_a_card():
    """A page's U+202E in a product name and the title: gone from the HTML <title>, its body, the Markdown and the PNG."""
    from assistant.card import render_html, render_markdown
    from assistant.card.png import drawable
    from tests.example_card import example

    comparison, _ = example()
    comparison.title = "Acme \u202eredoC vs Lumen"
    comparison.products[0].facts.name = "Acme \u202eredoC"
    html, md = render_html(comparison), render_markdown(comparison)
    assert "<title>Acme redoC vs Lumen" in html
    assert not any(ch in html + md + drawable(comparison.title) for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067")
