"""Text from screenshots, imports and file names is data: cleaned before a terminal, a file name or Markdown sees it.

    printable(text)    for a terminal: escape sequences (ESC, CSI, OSC, C1) and other control characters removed
    clean_name(name)   a file name as a card cites it: its last part only, printable, at most 255 characters
    md(text)           for Markdown: the characters of HTML tags, links, emphasis and table cells escaped; one line
    secret(key)        remember a key this process holds, for redact
    redact(text)       secrets out of a message or log line: Authorization / api-key header values, key= and
                       token= query values, and any secret value named to it
"""

from __future__ import annotations

import re

# CSI / OSC / other ESC sequences first (so their parameters go too), then any control character left,
# C1 controls included; tab and newline stay for multi-line output.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]?|\x9b[0-?]*[ -/]*[@-~]"
                      r"|\x9d[^\x07\x9c]*[\x07\x9c]?")
# bidi embeddings, overrides, isolates and marks too: a page's U+202E must not turn a title around
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: object) -> str:
    """`text` (str() of anything) with terminal escape sequences and control characters removed."""
    return _CONTROLS.sub("", _ESCAPES.sub("", str(text)))


def clean_name(name: str, limit: int = 255) -> str:
    """A file name safe to show and to cite: no folders, no control characters, never empty."""
    base = re.split(r"[/\\]", printable(name).replace("\n", " ").replace("\t", " "))[-1].strip()
    return (base if base not in ("", ".", "..") else "screenshot")[:limit]


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|])")  # with < > & as entities, no tag, link, image, emphasis or cell break forms


_SCHEMES = re.compile(r"\b(javascript|vbscript|data)\s*:", re.IGNORECASE)


def md(text: object) -> str:
    """Text shown in Markdown as written: no raw HTML, links, images or emphasis; one line (a table cell)."""
    flat = " ".join(printable(text).split())
    flat = re.sub(r"&(?=#?\w+;)", "&amp;", flat).replace("<", "&lt;").replace(">", "&gt;")  # '&' alone stays
    flat = _SCHEMES.sub(r"\1&#58;", flat)  # 'javascript:' shows as text, and no viewer can take it for a link
    return _MD_SPECIAL.sub(r"\\\1", flat)


_SECRET_HEADER = re.compile(r"(?i)\b(authorization|proxy-authorization|x-api-key|api-key|x-goog-api-key)(\"?\s*[:=]\s*\"?)"
                            r"(?:(bearer|basic)\s+)?[^\s\"',;}]+")
_BEARER = re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9._~+/=-]{8,}")
_SECRET_QUERY = re.compile(r"(?i)([?&;](?:api[_-]?key|key|token|access[_-]?token|secret|password)=)[^&#\s\"']*")
_URL_USER = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/@\s]+@")


_KNOWN: set[str] = set()  # keys this process holds (`secret`); a handful at most


def secret(value: str | None) -> str | None:
    """Remember an API key this process holds, so that `redact` removes it from any text; returns it."""
    if value and len(value) >= 4:
        _KNOWN.add(value)
    return value


def redact(text: object, *secrets: str | None) -> str:
    """`text` with secrets replaced by [redacted]: header values, `key=`/`token=` query values, user:password@
    in URLs, each key remembered with `secret`, and each of `secrets`, wherever they appear."""
    out = str(text)
    known = {s for s in (*secrets, *_KNOWN) if s and len(s) >= 4}
    for secret in sorted(known, key=len, reverse=True):  # longest first: a key that contains another goes whole
        out = out.replace(secret, "[redacted]")
    out = _SECRET_HEADER.sub(lambda m: f"{m[1]}{m[2]}{m[3] + ' ' if m[3] else ''}[redacted]", out)
    out = _BEARER.sub(r"\1 [redacted]", out)
    out = _SECRET_QUERY.sub(r"\1[redacted]", out)
    return _URL_USER.sub(r"\1[redacted]@", out)
