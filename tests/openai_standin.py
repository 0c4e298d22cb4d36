"""A loopback stand-in for a server that speaks OpenAI's `json_schema` dialect (as vLLM and SGLang do).

It answers each chat completion with the smallest JSON that fits the schema it was sent, refuses
`json_object` with a 400, and can be told to fail: `mode` is one of ok, 500, 429 (then ok after
`fail_times`), drop (closes mid-reply), slow, junk (not JSON), offschema (JSON that breaks the schema).

Hostile modes (issue 23), on every route, /v1/models included: slow_headers (the status line, then a header
byte every 0.2 s, for ever), huge (a 200 whose body never ends: `huge_bytes` of JSON padding, no length),
gzip_bomb (a small gzip body that inflates to `huge_bytes`), redirect (307 to `redirect_to`), echo (a 500 that
echoes the request's headers, Authorization included). `scripts/hardening` serves the same modes
(`python tests/openai_standin.py MODE` prints the URL and serves until killed).
"""

from __future__ import annotations

import contextlib
import json
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def instance(schema: dict):
    """The smallest value of a schema: first enum value, "", [], or an object of its required keys."""
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object":
        return {k: instance(schema["properties"][k]) for k in schema.get("required", [])}
    return {"array": [], "number": 0, "integer": 0, "boolean": False}.get(kind, "")


class StandIn:
    def __init__(self, mode: str = "ok", fail_times: int = 10**9, delay_s: float = 0.0, huge_bytes: int = 2**31,
                 redirect_to: str = "http://127.0.0.1:9/v1/chat/completions"):
        self.mode, self.fail_times, self.delay_s = mode, fail_times, delay_s
        self.huge_bytes, self.redirect_to = huge_bytes, redirect_to
        self.slow_for_s = 600.0  # slow_headers: then the headers end (a test on old code ends, late)
        self.sent = 0  # body bytes a hostile mode wrote before the client hung up
        self.requests: list[dict] = []
        self.in_flight = self.max_in_flight = 0
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def reply(self, body: dict) -> tuple[int, dict, bytes]:
        """(status, headers, body) for one chat completion request."""
        fmt = body.get("response_format") or {}
        if fmt.get("type") != "json_schema":
            return 400, {}, json.dumps({"error": {"message": "response_format: only json_schema is supported"}}).encode()
        failing = len(self.requests) <= self.fail_times
        if self.mode in ("500", "429") and failing:
            return int(self.mode), {"Retry-After": "0"}, json.dumps({"error": {"message": "busy"}}).encode()
        answer = instance(fmt["json_schema"]["schema"])
        text = {"junk": "Sure! Here is what I found.", "offschema": json.dumps({"x": 1})}.get(self.mode, json.dumps(answer))
        data = {"choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 10, "completion_tokens": 5}}
        return 200, {}, json.dumps(data).encode()


def _handler(stand: StandIn):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            if stand.mode in HOSTILE:
                return self._hostile()
            self._send(200, {}, json.dumps({"object": "list", "data": [{"id": "standin-vlm", "object": "model"}]}).encode())

        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
            if stand.mode in HOSTILE:
                with stand.lock:
                    stand.requests.append(body)
                return self._hostile()
            with stand.lock:
                stand.requests.append(body)
                stand.in_flight += 1
                stand.max_in_flight = max(stand.max_in_flight, stand.in_flight)
            try:
                time.sleep(stand.delay_s if stand.mode != "slow" else 5)
                status, headers, data = stand.reply(body)
                if stand.mode == "drop":
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data[: len(data) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self._send(status, headers, data)
            finally:
                with stand.lock:
                    stand.in_flight -= 1

        def _hostile(self):
            with contextlib.suppress(OSError):  # the client hung up: what it was meant to do
                HOSTILE[stand.mode](self, stand)
            self.close_connection = True

        def _send(self, status: int, headers: dict, data: bytes):
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

    return Handler


def _slow_headers(h, stand: StandIn) -> None:
    h.wfile.write(b"HTTP/1.1 200 OK\r\n")
    ends = time.monotonic() + stand.slow_for_s
    while time.monotonic() < ends:  # only the client's deadline should stop it
        h.wfile.write(b"X")
        h.wfile.flush()
        time.sleep(0.2)


def _huge(h, stand: StandIn) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "application/json")
    h.end_headers()
    h.wfile.write(b'{"pad": "')
    block = b"x" * 2**20
    while stand.sent < stand.huge_bytes:
        h.wfile.write(block)
        stand.sent += len(block)


def _gzip_bomb(h, stand: StandIn) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "application/json")
    h.send_header("Content-Encoding", "gzip")
    h.end_headers()
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    h.wfile.write(z.compress(b'{"pad": "'))
    zeros = b"0" * 2**20
    for _ in range(stand.huge_bytes // len(zeros)):
        out = z.compress(zeros)
        if out:
            h.wfile.write(out)
            stand.sent += len(out)
    h.wfile.write(z.compress(b'"}') + z.flush())


def _redirect(h, stand: StandIn) -> None:
    h.send_response(307)
    h.send_header("Location", stand.redirect_to)
    h.send_header("Content-Length", "0")
    h.end_headers()


def _echo(h, stand: StandIn) -> None:
    first = sorted(h.headers.items(), key=lambda kv: kv[0].lower() != "authorization")  # the key first, as it leaks
    said = "; ".join(f"{k}: {v}" for k, v in first)
    data = json.dumps({"error": {"message": f"bad request, headers were {said}"}}).encode()
    h.send_response(500)
    h.send_header("Content-Type", "application/json")
    h.send_header("Content-Length", str(len(data)))
    h.end_headers()
    h.wfile.write(data)


HOSTILE = {"slow_headers": _slow_headers, "huge": _huge, "gzip_bomb": _gzip_bomb, "redirect": _redirect, "echo": _echo}


if __name__ == "__main__":  # for scripts/hardening: serve one mode until killed
    served = StandIn(sys.argv[1], redirect_to=sys.argv[2] if len(sys.argv) > 2 else "http://127.0.0.1:9/v1")
    print(served.url, flush=True)
    threading.Event().wait()
