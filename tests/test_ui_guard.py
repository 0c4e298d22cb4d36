"""The UI answers only its own address (DNS rebinding), serves files as their bytes say, and leaves no temp files."""

from __future__ import annotations

import asyncio
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ui.guard import HostGuard, allowed_hosts

ROOT = Path(__file__).resolve().parents[1]


def _call(app, path: str, headers: dict) -> tuple[int, dict]:
    scope = {"type": "http", "path": path, "headers": [(k.encode(), v.encode()) for k, v in headers.items()]}
    sent = []

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start = sent[0]
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}


async def _page(scope, receive, send):
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/html")]})
    await send({"type": "http.response.body", "body": b"<p>card</p>"})


@pytest.mark.parametrize(("headers", "status"), [
    ({"host": "127.0.0.1:7860"}, 200),
    ({"host": "localhost:7860", "origin": "http://127.0.0.1:7860"}, 200),
    ({"host": "evil.example"}, 403),
    ({"host": "evil.example:7860", "origin": "http://evil.example:7860"}, 403),
    ({"host": "127.0.0.1:7860", "origin": "http://evil.example"}, 403),
    ({"host": "127.0.0.1:7860", "origin": "null"}, 403),
    ({}, 403),
])
def test_only_the_uis_own_host_and_origin_are_answered(headers, status):
    got, sent = _call(HostGuard(_page, allowed_hosts("127.0.0.1", 7860)), "/", headers)
    assert got == status and sent["x-content-type-options"] == "nosniff"


def test_every_address_with_a_password_takes_any_host():
    assert allowed_hosts("0.0.0.0", 7860) is None
    assert allowed_hosts("192.168.1.5", 8000) == {"192.168.1.5:8000"}


def test_served_files_carry_their_sniffed_type(tmp_path):
    (tmp_path / "shot.html").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 20)
    (tmp_path / "page.png").write_bytes(b"<script>alert(1)</script>")
    guard = HostGuard(_page, allowed_hosts("127.0.0.1", 7860), files=tmp_path)
    host = {"host": "127.0.0.1:7860"}
    assert _call(guard, f"/gradio_api/file={tmp_path}/shot.html", host)[1]["content-type"] == "image/png"
    assert _call(guard, f"/gradio_api/file={tmp_path}/page.png", host)[1]["content-type"] == "application/octet-stream"
    assert _call(guard, "/gradio_api/file=/etc/hostname", host)[0] == 403  # not the UI's own: refused


def test_the_file_route_opens_nothing_but_its_own_regular_files(tmp_path, monkeypatch):
    """Issue 23, point 3: a FIFO must not block the event loop; /etc/passwd is refused before any open."""
    import builtins
    import os

    own = tmp_path / "own"
    own.mkdir()
    os.mkfifo(own / "pipe")
    (own / "out").symlink_to("/etc/passwd")
    opened = []
    real_open, real_os_open = builtins.open, os.open
    monkeypatch.setattr(builtins, "open", lambda f, *a, **k: (opened.append(str(f)), real_open(f, *a, **k))[1])
    monkeypatch.setattr(os, "open", lambda f, *a, **k: (opened.append(str(f)), real_os_open(f, *a, **k))[1])
    guard = HostGuard(_page, allowed_hosts("127.0.0.1", 7860), files=own)
    host = {"host": "127.0.0.1:7860"}
    for path in ("/etc/passwd", f"{own}/out", "/dev/zero", f"{own}", f"{own}/pipe", f"{own}/../own/pipe"):
        assert _call(guard, f"/gradio_api/file={path}", host)[0] == 403, path
    assert opened == []


KEEP_TEMP = """
import sys, tempfile, time
from pathlib import Path
from ui.guard import private_temp
folder = private_temp()
Path(tempfile.mkdtemp(prefix="shipcard-card-"), "card.md").write_text("x")
print(folder, flush=True)
if sys.argv[1] == "wait":
    time.sleep(60)
"""


@pytest.mark.parametrize("how", ["exit", "sigterm"])
def test_the_uis_temp_files_go_when_it_stops(how):
    proc = subprocess.Popen([sys.executable, "-c", KEEP_TEMP, "wait" if how == "sigterm" else "exit"], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    folder = Path(proc.stdout.readline().strip())
    assert folder.name.startswith("shipcard-ui-")
    if how == "sigterm":
        assert any(folder.rglob("card.md"))
        proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)
    assert not folder.exists()


@pytest.mark.slow
def test_the_real_ui_refuses_a_foreign_host(tmp_path):
    pytest.importorskip("gradio")
    from ui.app import build_app, launch

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    demo = build_app("ocr")
    launch(demo, port=port, block=False)
    try:
        for host, want in ((f"127.0.0.1:{port}", 200), ("evil.example", 403)):
            with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
                conn.sendall(f"GET / HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\nConnection: close\r\n\r\n".encode())
                time.sleep(0.2)
                assert int(conn.recv(64).split()[1]) == want
    finally:
        demo.close()
