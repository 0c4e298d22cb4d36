"""License, open weights and numeric claims: phrases matched on the page text."""

from __future__ import annotations

import re

from ..datamodel import Claim, OcrLine
from ..page.lexicon import PRICE_RE

# Most specific first: "Apache License 2.0" must not stop at "Apache".
LICENSES = [
    (r"apache(?:\s+license)?[\s,-]*(?:version\s*)?2(?:\.0)?", "Apache-2.0"),
    (r"\bMIT(?:\s+license)?\b", "MIT"),
    (r"\bAGPL[\s-]*(?:v|version\s*)?3(?:\.0)?", "AGPL-3.0"),
    (r"\bLGPL[\s-]*(?:v|version\s*)?3(?:\.0)?", "LGPL-3.0"),
    (r"\bGPL[\s-]*(?:v|version\s*)?3(?:\.0)?", "GPL-3.0"),
    (r"\bGPL[\s-]*(?:v|version\s*)?2(?:\.0)?", "GPL-2.0"),
    (r"\bBSD[\s-]*3[\s-]*clause", "BSD-3-Clause"),
    (r"\bBSD[\s-]*2[\s-]*clause", "BSD-2-Clause"),
    (r"\bMPL[\s-]*2(?:\.0)?|mozilla public license", "MPL-2.0"),
    (r"\bCC[\s-]*BY[\s-]*NC[\s-]*SA[\s-]*4(?:\.0)?", "CC-BY-NC-SA-4.0"),
    (r"\bCC[\s-]*BY[\s-]*NC[\s-]*4(?:\.0)?", "CC-BY-NC-4.0"),
    (r"\bCC[\s-]*BY[\s-]*SA[\s-]*4(?:\.0)?", "CC-BY-SA-4.0"),
    (r"\bCC[\s-]*BY[\s-]*4(?:\.0)?", "CC-BY-4.0"),
    (r"\bunlicense\b", "Unlicense"),
    (r"creativeml[\s-]*openrail[\s-]*m", "CreativeML-OpenRAIL-M"),
    (r"openrail\s*\+\+|openrail[\s-]*plus", "OpenRAIL++"),
    (r"openrail[\s-]*m\b", "OpenRAIL-M"),
    (r"openrail", "OpenRAIL"),
    (r"qwen\s+(?:research\s+)?licen[cs]e", "Qwen"),
    (r"deepseek\s+(?:model\s+)?licen[cs]e", "DeepSeek"),
    (r"llama\s*[234](?:\.\d)?\s+community\s+license", "Llama-Community"),
    (r"gemma\s+terms", "Gemma"),
    (r"proprietary|closed[\s-]source|commercial\s+licen[cs]e|source[\s-]available", "Proprietary"),
]
_LICENSE_RES = [(re.compile(p, re.IGNORECASE), spdx) for p, spdx in LICENSES]
_LICENSE_CONTEXT = re.compile(r"licen[cs]e|licensed|open[\s-]source|under\s+the|weights|terms", re.IGNORECASE)

OPEN_WEIGHTS = re.compile(
    r"open[\s-]weights?|weights\s+(?:are\s+)?(?:now\s+)?(?:available|on (?:the )?(?:hugging ?face|hub)|released|public)"
    r"|download\s+(?:the\s+)?(?:model\s+)?(?:weights|checkpoints?|models?)\b|weights\s+(?:on|from)\s+(?:the\s+)?hub"
    r"|\.gguf\b|safetensors|open[\s-]source\s+(?:model|llm|weights)|fully\s+open|released\s+under\s+(?:the\s+)?"
    r"(?:apache|mit|openrail|cc[\s-]by|llama|gemma)", re.IGNORECASE)
CLOSED_WEIGHTS = re.compile(r"closed[\s-]weights?|weights\s+(?:are\s+)?not\s+(?:available|released)|api[\s-]only\s+model", re.IGNORECASE)

CLAIM_WORDS = re.compile(
    r"\d+(?:\.\d+)?\s?(?:x|×|%|ms|s\b|sec|seconds|tokens/s|tok/s|languages|users|teams|customers|countries|hours|"
    r"minutes|k\b|m\b|b\b|billion|million|params|parameters|gb|mb|fps)|\btop\s?\d|#1\b", re.IGNORECASE)
CODE_LINE = re.compile(r"^\s*[#$>]|pip install|npm |ollama |curl |docker |:\d+b\b|/\s*\w+-\w+", re.IGNORECASE)
NUMBER = re.compile(r"[#]?\d[\d,.]*\s?(?:x|×|%|ms|k|m|b|billion|million|gb|mb)?", re.IGNORECASE)


def find_license(lines: list[OcrLine]) -> tuple[str, OcrLine] | None:
    """An SPDX id from a line that talks about licensing (or a bare 'License: MIT' field)."""
    for line in lines:
        text = line.text
        for pattern, spdx in _LICENSE_RES:
            if pattern.search(text) and (spdx == "Proprietary" or _LICENSE_CONTEXT.search(text) or len(text.split()) <= 3):
                return spdx, line
    return None


def find_open_weights(lines: list[OcrLine], license_id: str | None) -> tuple[bool, OcrLine] | None:
    for line in lines:
        if CLOSED_WEIGHTS.search(line.text):
            return False, line
    for line in lines:
        if OPEN_WEIGHTS.search(line.text):
            return True, line
    return None


def find_claims(lines: list[OcrLine], limit: int = 8) -> list[tuple[Claim, OcrLine]]:
    """Lines that state a figure about the product (speed, scale, accuracy), prices excluded."""
    out = []
    for line in lines:
        text = line.text.strip()
        if len(text.split()) < 2 or PRICE_RE.search(text) or not CLAIM_WORDS.search(text) or CODE_LINE.search(text):
            continue
        numbers = [n.strip() for n in NUMBER.findall(text) if any(c.isdigit() for c in n)]
        out.append((Claim(text=text, numbers=numbers), line))
        if len(out) == limit:
            break
    return out
