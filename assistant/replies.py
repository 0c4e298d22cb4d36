"""What a server's reply may be, for every client we own (a served engine, the Claude API): bounded and where asked.

- A reply body is capped on its decoded bytes: gzip and deflate are decoded here, a chunk at a time with a
  bound on each step (`zlib`'s `max_length`), so a 10 MB gzip bomb stops at the cap, not at 10 GB. Other
  encodings (br, zstd) are refused: we never ask for them.
- Redirects are never followed: a 3xx is handed back to the caller, who says where it pointed
  (`redirect_target`). Following one would send the screenshots (and a key) to a place nobody named.

`capped_transport(cap_mb, setting, httpx)` is a transport doing both, built on the httpx module given: the
served engine uses httpx, the Anthropic SDK its fork httpx2 (it refuses the other's objects); pass it to that
module's Client (the SDK takes one as `http_client`). Imports no httpx itself: the extras bring theirs.
"""

from __future__ import annotations

import functools
import zlib

from .errors import ShipcardError
from .sanitize import printable, redact

_DROPPED = {b"content-encoding", b"content-length", b"transfer-encoding"}


class ReplyRefused(ShipcardError):
    """A reply over the cap, or in an encoding we never asked for. Raised inside httpx's send; its `problem` is
    a fragment ("reply over the 8 MB limit ..."): the caller says whose reply it was."""


def capped_transport(cap_mb: float, setting: str, httpx, inner=None):
    """A transport of module `httpx` (httpx or httpx2) sending through `inner` (default: its HTTPTransport)."""
    return _transport_class(httpx)(int(cap_mb * 2**20), setting, httpx, inner or httpx.HTTPTransport())


@functools.cache  # one class per httpx module: two at most
def _transport_class(httpx):
    return type("CappedTransport", (_Capped, httpx.BaseTransport), {})


class _Capped:
    """Sends through `inner`, then reads the whole reply decoded, refusing it past `cap` bytes."""

    def __init__(self, cap: int, setting: str, httpx, inner):
        self.cap, self.setting, self.httpx, self.inner = cap, setting, httpx, inner

    def handle_request(self, request):
        request.headers["accept-encoding"] = "gzip, deflate"
        response = self.inner.handle_request(request)
        try:
            body = self._read(response)
        finally:
            response.close()
        headers = [(k, v) for k, v in response.headers.raw if k.lower() not in _DROPPED]
        return self.httpx.Response(response.status_code, headers=headers, content=body, extensions=response.extensions)

    def close(self) -> None:
        self.inner.close()

    def _read(self, response) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.cap:
            raise self._too_large()
        decoder = _decoder(response.headers.get("content-encoding", ""))
        out, raw = bytearray(), 0
        for chunk in response.stream:  # a sync transport's stream: raw bytes as they arrive
            raw += len(chunk)
            if raw > self.cap:
                raise self._too_large()
            out += chunk if decoder is None else _inflate(decoder, chunk, self.cap - len(out) + 1)
            if len(out) > self.cap:
                raise self._too_large()
        return bytes(out)

    def _too_large(self) -> ReplyRefused:
        mb = self.cap / 2**20
        return ReplyRefused(f"reply over the {mb:g} MB limit ({self.setting}), refused",
                            f"A reply this large is not a chat answer: check the server, or raise {self.setting}.")


def _decoder(encoding: str):
    names = [e.strip().lower() for e in encoding.split(",") if e.strip() and e.strip().lower() != "identity"]
    if not names:
        return None
    if len(names) == 1 and names[0] in ("gzip", "x-gzip", "deflate"):
        return _Inflater(names[0] != "deflate")
    raise ReplyRefused(f"reply encoded as {printable(encoding)[:40]}, which was not asked for",
                       "Check the server (it should answer plain, gzip or deflate).")


class _Inflater:
    """gzip or deflate (zlib-wrapped or raw, as servers send both), decided on the first bytes."""

    def __init__(self, gzip: bool):
        self.gzip = gzip
        self.z: zlib._Decompress | None = None

    def decompress(self, data: bytes, max_length: int) -> bytes:
        if self.z is None:
            wbits = 31 if self.gzip else (15 if data[:1] and data[0] & 0x0F == 8 else -15)
            self.z = zlib.decompressobj(wbits)
        z = self.z
        return z.decompress(data, max_length)  # input left over only when the output hit max_length


def _inflate(decoder: _Inflater, chunk: bytes, room: int) -> bytes:
    """`chunk` decoded, at most `room` bytes (the caller refuses past its cap, so more is never needed)."""
    try:
        out = decoder.decompress(chunk, room)
    except zlib.error as exc:
        raise ReplyRefused(f"compressed reply that is damaged ({exc})", "Check the server.") from None
    return out


def redirect_target(response, base: str) -> str:
    """Where a 3xx pointed, redacted and short, for the one-line error (never followed)."""
    location = response.headers.get("location", "") if response is not None else ""
    return printable(redact(location))[:200] or "(no Location header)"
