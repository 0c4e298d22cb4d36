"""Text from screenshots, imports and file names is data: cleaned before a terminal, a file name or Markdown sees it.

    printable(text)    for a terminal: escape sequences (ESC, CSI, OSC, C1) and other control characters removed
    clean_name(name)   a file name as a card cites it: its last part only, printable, at most 255 characters
    md(text)           for Markdown: the characters of HTML tags, links, emphasis and table cells escaped; one line
"""

from __future__ import annotations

import re

# CSI / OSC / other ESC sequences first (so their parameters go too), then any control character left,
# C1 controls included; tab and newline stay for multi-line output.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]?|\x9b[0-?]*[ -/]*[@-~]"
                      r"|\x9d[^\x07\x9c]*[\x07\x9c]?")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


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
