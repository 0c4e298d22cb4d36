"""What the web UI lets in and leaves behind.

- `HostGuard`: every request must name the address the UI serves in `Host`, and an `Origin`, when sent, must be
  that address too. A web page the person visits could otherwise point its own name at 127.0.0.1 (DNS
  rebinding) and read their history through the UI. Foreign requests get 403.
- Files the UI serves back (uploads, card downloads) carry the type sniffed from their bytes, never one
  guessed from the name, and `X-Content-Type-Options: nosniff`, so an upload cannot become a page.
- The file route serves only regular files inside the UI's own folder: anything else (`/etc/passwd`, a FIFO,
  a device, a link out) gets 403 from what `lstat`/`stat` say, before anything opens it, so a FIFO can never
  block the event loop; the sniffing read itself is non-blocking.
- `private_temp()`: uploads and card files go to one temp folder of the UI's own, removed when it stops.
"""

from __future__ import annotations

import atexit
import contextlib
import ipaddress
import os
import shutil
import signal
import stat
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
_SNIFF = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"), (b"GIF87a", "image/gif"),
          (b"GIF89a", "image/gif"))
FILE_ROUTE = "/file="


def allowed_hosts(host: str, port: int) -> set[str] | None:
    """The `Host` values the UI answers: its own address with the port; None when it serves every address."""
    bare = host.strip("[]")
    with contextlib.suppress(ValueError):
        if ipaddress.ip_address(bare).is_unspecified:  # 0.0.0.0 / ::: the names are unknown (a password guards it)
            return None
    names = {host.lower(), f"[{bare}]" if ":" in bare else bare}
    if host.lower() in ("localhost", *LOOPBACK_NAMES) or _is_loopback(bare):
        names |= set(LOOPBACK_NAMES)
    return {f"{n}:{port}" for n in names} | ({n for n in names} if port == 80 else set())


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class HostGuard:
    """ASGI middleware: 403 for a foreign Host or Origin; sniffed types and nosniff on served files."""

    def __init__(self, app, hosts: set[str] | None, files: Path | None = None):
        """`files`: the folder the file route may serve from (default: the temp folder, the UI's own once
        `private_temp` ran)."""
        self.app, self.hosts = app, hosts
        self.files = (files or Path(tempfile.gettempdir())).resolve()

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if not self._allowed(headers.get("host", ""), headers.get("origin")):
            return await _refuse(scope, send)
        target = _file_target(scope.get("path", "")) if scope["type"] == "http" else None
        if target is not None and not _servable(target, self.files):
            return await _refuse(scope, send, _NOT_SERVED)
        sniffed = _sniffed_type(target) if target is not None else None

        async def send_safe(message):
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", [])
                        if not (sniffed and k.lower() == b"content-type") and k.lower() != b"x-content-type-options"]
                kept.append((b"x-content-type-options", b"nosniff"))
                if sniffed:
                    kept.append((b"content-type", sniffed.encode()))
                message = {**message, "headers": kept}
            await send(message)

        return await self.app(scope, receive, send_safe)

    def _allowed(self, host: str, origin: str | None) -> bool:
        if self.hosts is None:
            return True
        if host.lower() not in self.hosts:
            return False
        if origin is None:
            return True
        parts = urlsplit(origin)
        return parts.scheme in ("http", "https") and parts.netloc.lower() in self.hosts


_FOREIGN = b"shipcard: this address is not served here (Host or Origin is not the UI's own).\n"
_NOT_SERVED = b"shipcard: the UI serves only its own files (uploads and cards).\n"


async def _refuse(scope, send, body: bytes = _FOREIGN) -> None:
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008})
        return
    await send({"type": "http.response.start", "status": 403,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
                            (b"x-content-type-options", b"nosniff")]})
    await send({"type": "http.response.body", "body": body})


def _file_target(path: str) -> Path | None:
    """The file a file-route request names, or None for any other route."""
    if FILE_ROUTE not in path:
        return None
    return Path(unquote(path.split(FILE_ROUTE, 1)[1]))


def _servable(target: Path, files: Path) -> bool:
    """A regular file inside `files`, no link on the way out: judged from the file system, nothing opened."""
    try:
        if not target.is_absolute():
            target = Path.cwd() / target
        if not os.path.realpath(target).startswith(str(files) + os.sep):
            return False
        return stat.S_ISREG(os.stat(target).st_mode)  # the link's own target is inside too (realpath above)
    except (OSError, ValueError):  # no such file, a NUL in the name, a loop of links
        return False


def _sniffed_type(target: Path) -> str:
    """The type a regular file's first bytes show (an allowed image, else application/octet-stream)."""
    head = b""
    with contextlib.suppress(OSError, ValueError):
        fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        try:
            if stat.S_ISREG(os.fstat(fd).st_mode):  # swapped for something else since the check: read nothing
                head = os.read(fd, 16)
        finally:
            os.close(fd)
    for magic, kind in _SNIFF:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return "application/octet-stream"


def private_temp() -> Path:
    """One temp folder for the UI's uploads and card files (Gradio's cache and `tempfile`), removed at exit."""
    folder = Path(tempfile.mkdtemp(prefix="shipcard-ui-"))
    os.environ["GRADIO_TEMP_DIR"] = str(folder / "gradio")
    tempfile.tempdir = str(folder)
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    with contextlib.suppress(ValueError):  # not the main thread: atexit alone
        signal.signal(signal.SIGTERM, _exit_on_term)
    return folder


def _exit_on_term(signum, frame) -> None:
    raise SystemExit(128 + signum)  # runs atexit, so the temp folder goes
