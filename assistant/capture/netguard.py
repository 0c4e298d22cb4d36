"""Which hosts a capture may reach: public addresses only, unless the person allows their own network.

Two checks, one rule (`verdict`). The route handler in `browser.py` sees every request the page makes (redirect
hops, resources, websockets) and refuses early with a name for the error. This module's proxy is the one that
counts: Chromium sends all of its traffic through it and resolves no host itself, and the proxy connects to the
very address it checked. A host that answers DNS with a public address for the check and a private one a moment
later (DNS rebinding) therefore never reaches the private one.
"""

from __future__ import annotations

import contextlib
import ipaddress
import selectors
import socket
import socketserver
import threading
from urllib.parse import urlsplit

from ..errors import BadInputError
from ..sanitize import printable

SCHEMES = ("http", "https")
LOCAL_FIX = "Pass --allow-local to capture a page on this machine or your network (off by default)."


class CaptureError(BadInputError):
    """A URL that cannot be captured: refused, unreachable, too slow, behind a login."""


class Refused(CaptureError):
    """A request to an address the rules keep the browser away from."""


def check_url(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of an http(s) URL, or a one-line CaptureError."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise CaptureError(f"{printable(url)}: not a valid URL.", "Pass an http:// or https:// address.") from None
    if parts.scheme.lower() not in SCHEMES:
        raise CaptureError(f"{printable(url)}: only http and https pages can be captured.",
                           "Pass an http:// or https:// address, or a saved screenshot.")
    if not parts.hostname:
        raise CaptureError(f"{printable(url)}: the URL names no host.", "Pass an address such as https://example.com/.")
    return parts.scheme.lower(), parts.hostname, port or (443 if parts.scheme.lower() == "https" else 80)


def why_not(address: str) -> str | None:
    """Why an address is off limits ('a private address', ...), or None for a public one."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for test, what in (("is_unspecified", "an unspecified address"), ("is_loopback", "a loopback address"),
                       ("is_link_local", "a link-local address"), ("is_multicast", "a multicast address"),
                       ("is_private", "a private address"), ("is_reserved", "a reserved address")):
        if getattr(ip, test):
            return what
    return None if ip.is_global else "a non-public address"


def resolve(host: str, port: int, allow_local: bool) -> str:
    """The address to connect to for `host`: every address DNS gives must be allowed (a name with one private
    address among public ones is refused), or Refused names the first that is not."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise CaptureError(f"{printable(host)}: the name does not resolve ({exc}).",
                           "Check the address, or your network connection.") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not allow_local:
        for address in addresses:
            why = why_not(address)
            if why:
                raise Refused(f"{printable(host)} is {why} ({address}): refused.", LOCAL_FIX)
    return addresses[0]


class Verdicts:
    """The rule for one run of captures, with each host's verdict kept for the run's length (a page asks for the
    same host many times)."""

    def __init__(self, allow_local: bool, public: frozenset[str] = frozenset()):
        self.allow_local = allow_local
        self.public = public  # host:port pairs held to be public whatever they resolve to (tests' stand-in web)
        self._seen: dict[tuple[str, int], str | Refused] = {}
        self.refused: list[Refused] = []  # every refusal, in order: a page's error names the one that stopped it
        self._lock = threading.Lock()

    def address(self, host: str, port: int) -> str:
        """Where to connect for host:port, or raise Refused/CaptureError."""
        key = (host.lower().strip("[]"), port)
        with self._lock:
            known = self._seen.get(key)
        if known is None:
            try:
                known = resolve(key[0], port, self.allow_local or f"{key[0]}:{port}" in self.public)
            except Refused as exc:
                known = exc
            with self._lock:
                self._seen[key] = known
        if isinstance(known, Refused):
            with self._lock:
                self.refused.append(known)
            raise known
        return known

    def refusal(self, url: str) -> CaptureError | None:
        """The route handler's check: None for an http(s) URL whose host resolves to allowed addresses only, else
        why not."""
        try:
            _, host, port = check_url(url)
            self.address(host, port)
        except CaptureError as exc:
            return exc
        return None


class GuardProxy:
    """An HTTP proxy on 127.0.0.1 that resolves, checks and connects to the checked address itself.

    Chromium reaches every http, https and websocket host through it (its proxy setting, with loopback not
    bypassed), so no connection leaves without `Verdicts.address` having named its address."""

    def __init__(self, verdicts: Verdicts, timeout_s: float):
        self.verdicts = verdicts
        proxy = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                self.request.settimeout(timeout_s)
                with contextlib.suppress(OSError):
                    proxy._serve(self.request, timeout_s)

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def address(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> GuardProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _serve(self, client: socket.socket, timeout_s: float) -> None:
        head, rest = _read_head(client)
        if head is None:
            return
        first, _, headers = head.partition("\r\n")
        method, target, version = ([*first.split(" "), "", ""])[:3]
        if method.upper() == "CONNECT":
            host, _, port = target.rpartition(":")
            if not port.isdigit() or not 0 < int(port) < 65536:  # a target Chromium never sends: refused, no traceback
                client.sendall(_refusal(400))
                return
            upstream = self._open(client, host, int(port), timeout_s)
            if upstream:
                client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                _pipe(client, upstream, rest)
            return
        parts = urlsplit(target)
        if parts.scheme != "http" or not parts.hostname:
            client.sendall(_refusal(400))
            return
        upstream = self._open(client, parts.hostname, parts.port or 80, timeout_s)
        if upstream:
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            kept = [h for h in headers.split("\r\n") if h and h.split(":", 1)[0].strip().lower() not in
                    ("proxy-connection", "connection", "keep-alive", "proxy-authorization")]
            # one request per connection: the next may be for another host, and must be checked again
            upstream.sendall("\r\n".join([f"{method} {path} {version}", *kept, "Connection: close", "", ""]).encode(
                "latin-1") + rest)
            _pipe(client, upstream, b"")

    def _open(self, client: socket.socket, host: str, port: int, timeout_s: float) -> socket.socket | None:
        try:
            address = self.verdicts.address(host.strip("[]"), port)
            return socket.create_connection((address, port), timeout=timeout_s)
        except (CaptureError, OSError):
            client.sendall(_refusal(403))
            return None


def _refusal(code: int) -> bytes:
    return f"HTTP/1.1 {code} Refused by shipcard\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".encode()


def _read_head(sock: socket.socket, limit: int = 65536) -> tuple[str | None, bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(8192)
        if not chunk or len(data) > limit:
            return None, b""
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    return head.decode("latin-1"), rest


def _pipe(a: socket.socket, b: socket.socket, pending: bytes) -> None:
    """Copy bytes both ways until either side closes."""
    if pending:
        b.sendall(pending)
    with b, selectors.DefaultSelector() as sel:
        sel.register(a, selectors.EVENT_READ, b)
        sel.register(b, selectors.EVENT_READ, a)
        while True:
            events = sel.select(timeout=a.gettimeout())
            if not events:
                return
            for key, _ in events:
                data = key.fileobj.recv(65536)  # type: ignore[union-attr]
                if not data:
                    return
                key.data.sendall(data)
