"""Mend the chosen name's spelling from the rest of the page: OCR confuses I, l, 1 and |, O and 0 inside names
('SmoIVLM2', 'GPT4AII'); the page usually spells the name right elsewhere. A version glued on by OCR
('Haystack3.0') is dropped, as labels and people drop it."""

from __future__ import annotations

import re
from collections import Counter

from ..datamodel import OcrLine

_SHAPE = str.maketrans({"I": "l", "1": "l", "|": "l", "i": "l", "L": "l", "O": "o", "0": "o", "Q": "o"})
_TOKEN = re.compile(r"[^\W_]+")  # letters and digits: 'SmolVLM2-2B' is 'SmolVLM2' and '2B'
GLUED_VERSION = re.compile(r"^(?P<x>.*[A-Za-z])v?\d+(?:\.\d+)+$")  # no space before the version: OCR glued it


def shape(text: str) -> str:
    """The spelling with OCR's usual confusions folded together, case kept apart from them."""
    return text.translate(_SHAPE).lower()


def agreed_spelling(name: str, lines: list[OcrLine], source: OcrLine | None = None) -> str:
    """The spelling of `name` that the page's other lines agree on, word by word; `name` when none differs."""
    seen: dict[str, Counter] = {}
    for ln in lines:
        if ln is source:
            continue
        for token in _TOKEN.findall(ln.text):
            seen.setdefault(shape(token), Counter())[token] += 1

    def mend(m: re.Match) -> str:
        core = m.group(0)
        votes = seen.get(shape(core))
        best = votes.most_common(1)[0][0] if votes else core
        return best if best != core and _confused(core, best) else core

    return _TOKEN.sub(mend, name)


def _confused(a: str, b: str) -> bool:
    """`a` and `b` differ only where OCR confuses glyphs, and `b` reads as the likelier spelling: no capital I
    between small letters, no digit inside a word of letters."""
    if len(a) != len(b) or shape(a) != shape(b):
        return False
    return _oddities(b) < _oddities(a)


def _oddities(word: str) -> int:
    return len(re.findall(r"(?<=[a-z])I|(?<=[a-z])[01]|[01](?=[a-z])|(?<=[A-Z])ll(?=[A-Z])|(?<=[A-Z]{2})I", word))


REREAD_BELOW = 0.9  # a name read with less OCR confidence than this is read again, enlarged (`ocr.read_box`)


def reread(text: str, line: OcrLine, loaded) -> str:
    """The name as an enlarged second reading of its box spells it, where OCR was unsure of the first and the second
    reads the same letters (up to I/l/1 and O/0) more surely; `text` otherwise. Only a decoded screenshot can be
    read again (frozen lines carry no pixels)."""
    if line.confidence >= REREAD_BELOW or loaded is None or loaded.image.mode != "RGB" or text != line.text.strip():
        return text
    from ..ocr import read_box

    again = read_box(loaded, line.box)
    if again is None or again.confidence <= line.confidence or shape(again.text.strip()) != shape(text):
        return text
    return again.text.strip()


def unglued(name: str, lines: list[OcrLine]) -> str:
    """'Haystack3.0' -> 'Haystack' where the page also writes 'Haystack' on its own; 'Qwen2.5', whose page never
    says 'Qwen' alone, keeps its version (it is part of the name)."""
    m = GLUED_VERSION.match(name)
    if not m or len(m.group("x")) < 3:
        return name
    bare = re.compile(rf"(?<![\w.]){re.escape(m.group('x'))}(?![\w.])", re.IGNORECASE)
    return m.group("x") if sum(bool(bare.search(ln.text)) for ln in lines) >= 1 else name
