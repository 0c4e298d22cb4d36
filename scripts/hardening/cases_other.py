"""Question, home, output, id, UI and Claude cases of the bad-input corpus (scripts/hardening/corpus.py)."""

from __future__ import annotations

import contextlib
import http.server
import threading
import time
from collections.abc import Callable
from pathlib import Path

from corpus_base import B_LINES, Case, _raw_markup, _seed, cli, page, products

# ---- questions --------------------------------------------------------------------------------


def _q_case(name: str, question) -> Case:
    def build(d: Path) -> list[list]:
        return [*_seed(d), cli("ask", "1", question(d) if callable(question) else question)]

    return Case(name, "question", build, budget=60)


QUESTIONS = [("question_100kb", "Which is cheaper " * 6000), ("question_invalid_utf8", b"price \xff\xfe?"),
             ("question_120kb_words", "a " * 60_000)]


# ---- homes, outputs and ids -------------------------------------------------------------------


def _c_home_file(d):
    (d / "homefile").write_text("x")
    return [cli("history")]


def _c_out_file(d):
    a, b = products(d)
    (d / "outfile").write_text("x")
    return [cli("compare", str(a), str(b), "--backend", "ocr", "--out", str(d / "outfile"), "--no-save")]


def _c_export_dot(d):
    return [*_seed(d), cli("export", "--all", "--out", ".")]


def _c_huge_id(d):
    return [*_seed(d), cli("show", "99999999999999999999999"), cli("vote", "99999999999999999999999", "1", "up"),
            cli("ask", "99999999999999999999", "price?")]


def _c_escalate_no_screens(d):
    return [*_seed(d), ["rmtree", "home/screens"], cli("escalate", "1", "--yes", "--claude-timeout", "2")]


def _c_readonly(d):
    a, b = products(d)
    return [["mount_ro", "rohome"], cli("compare", str(a), str(b), "--backend", "ocr", "--out", str(d / "out"),
                                        "--format", "md,json")]


def _c_full(d):
    a, b = products(d)
    return [*_seed(d), ["mount_full", "home"], cli("compare", str(a), str(b), "--backend", "ocr", "--out",
                                                   str(d / "out"), "--format", "md,json"),
            ["umount", "home"], cli("history")]


def _cards_written(d: Path, results: list) -> list[str]:
    return [] if (d / "out" / "card.json").is_file() else ["lost"]


def _leftovers(d: Path, results: list) -> list[str]:
    found = _cards_written(d, results)
    left = [p for p in (d / "home").rglob("*.part")] if (d / "home").exists() else []
    return found + (["leftover"] if left else [])


def _c_ui_host(d):
    return [["ui_probe"]]


def _c_md_from_page(d):
    a = page(d / "a.png", ["<script>alert(1)</script>", "Evil AI", '<img src=x onerror="alert(1)">',
                          "[docs](javascript:alert(1))"])
    b = page(d / "b.png", B_LINES)
    return [cli("compare", str(a), str(b), "--backend", "ocr", "--out", str(d / "out"), "--format", "md", "--no-save")]


def _md_clean(d: Path, results: list) -> list[str]:
    md = (d / "out" / "card.md").read_text() if (d / "out" / "card.md").is_file() else ""
    return ["escapes"] if _raw_markup(md) else []


OTHERS = [Case("shipcard_home_is_a_file", "home", _c_home_file, env={"SHIPCARD_HOME": "{d}/homefile"}),
          Case("out_is_a_file", "output", _c_out_file),
          Case("export_out_dot", "output", _c_export_dot),
          Case("huge_numeric_id", "ids", _c_huge_id),
          Case("escalate_screens_removed", "claude", _c_escalate_no_screens,
               env={"ANTHROPIC_API_KEY": "sk-test", "ANTHROPIC_BASE_URL": "http://127.0.0.1:{closed}"}),
          Case("readonly_home", "home", _c_readonly, env={"SHIPCARD_HOME": "{d}/rohome"}, check=_cards_written,
               root=True),
          Case("full_disk_home", "home", _c_full, check=_leftovers, root=True, budget=90),
          Case("ui_foreign_host", "ui", _c_ui_host, budget=90),
          Case("markdown_from_page_text", "output", _c_md_from_page, check=_md_clean)]


# ---- Claude: slow, silent and rate-limiting servers on loopback -------------------------------


class _Slow(http.server.BaseHTTPRequestHandler):
    mode = "slow"

    def do_POST(self):
        self.rfile.read(int(self.headers.get("content-length", 0)))
        if self.server.mode == "silent":
            time.sleep(600)
        elif self.server.mode == "retry":
            self.send_response(429)
            self.send_header("retry-after", "3600")
            self.send_header("content-type", "application/json")
            body = b'{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}'
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:  # one byte a second, headers included
            reply = (b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 200\r\n\r\n" + b" " * 200)
            with contextlib.suppress(OSError):  # the client gave up
                for byte in reply:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(1)

    def log_message(self, *a):
        pass


def serve(mode: str) -> int:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    server.mode = mode
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]


def _claude_case(name: str, mode: str, args: Callable[[Path], list]) -> Case:
    def build(d: Path) -> list[list]:
        return [*_seed(d), args(d)]

    return Case(name, "claude", build, budget=45,
                env={"ANTHROPIC_API_KEY": "sk-test", "ANTHROPIC_BASE_URL": "http://127.0.0.1:{" + mode + "}"})


def _compare_escalate(d):
    a, b = products(d)
    return cli("compare", str(a), str(b), "--backend", "ocr", "--out", str(d / "out2"), "--escalate", "--yes",
               "--claude-timeout", "3", "--no-save")


CLAUDE = [_claude_case("claude_one_byte_a_second", "slow", lambda d: cli("escalate", "1", "--yes", "--claude-timeout", "3")),
          _claude_case("claude_retry_after_3600", "retry", lambda d: cli("escalate", "1", "--yes", "--claude-timeout", "5")),
          _claude_case("claude_silent_compare_escalate", "silent", _compare_escalate),
          _claude_case("claude_ask_slow", "slow", lambda d: cli("ask", "1", "price?", "--escalate", "--yes",
                                                                  "--claude-timeout", "3"))]
