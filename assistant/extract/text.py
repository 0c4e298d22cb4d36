"""Identity fields from page layout: the name is the biggest text up top, the tagline sits under it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..datamodel import OcrLine, Page
from ..page.geometry import continues, overlap_x
from ..page.lexicon import ACTION_RE, PRICE_RE, SENTENCE_END, is_nav, squash

CATEGORIES = [
    "Developer Tools", "Productivity", "Image Generation", "Video Generation", "Voice AI", "Speech", "Audio",
    "Vision-Language Model", "Language Model", "Embedding Model", "Embeddings", "Writing", "Translation",
    "Customer Support", "Sales", "CRM", "Marketing", "Design", "Analytics", "Data", "Search", "Security", "Education",
    "Healthcare", "Finance", "Legal", "Research", "Chatbot", "Assistant", "Agents", "AI Agents", "Note Taking",
    "Notes", "Music", "Video", "Code Assistant", "Coding", "Infrastructure", "API", "Open Source", "Computer Vision",
    "OCR", "Transcription", "Meeting Assistant", "HR", "Recruiting", "E-commerce", "Automation",
]
_CATEGORY_RE = re.compile(r"^(?:category\s*[:·-]\s*)?(" + "|".join(re.escape(c) for c in sorted(CATEGORIES, key=len, reverse=True)) + r")s?$", re.IGNORECASE)
_CATEGORY_LABEL_RE = re.compile(r"^category\s*[:·-]\s*(.{3,40})$", re.IGNORECASE)


@dataclass
class Pick:
    text: str
    lines: list[OcrLine]


def is_chrome(line: OcrLine) -> bool:
    """Navigation, buttons and badges: short lines a person would not call content."""
    text = line.text.strip().lower().rstrip("→>›").strip()
    return is_nav(text)


def find_tagline(page: Page, name: Pick) -> Pick | None:
    """The sentence right under the name: the next lines below it, wrapped lines joined."""
    anchor = name.lines[-1]
    lines = page.lines
    below = [ln for ln in lines if ln.box[1] >= anchor.box[3] - 2 and ln.box[1] - anchor.box[3] < 5 * anchor.height]
    below = [ln for ln in below if not is_chrome(ln) and not _CATEGORY_RE.match(ln.text.strip())
             and not PRICE_RE.search(ln.text) and _under(anchor, ln)]
    starts = [ln for ln in below if len(ln.text.split()) >= 3]
    if not starts:
        return None
    picked = wrapped(below[below.index(starts[0]):])
    text = " ".join(p.text.strip() for p in picked)
    if not is_pitch(text, name.text) or (starts[0].height < 0.35 * anchor.height and len(text.split()) > 30):
        return None  # a body paragraph, billing copy or code: not a tagline
    return Pick(text, picked)


def wrapped(lines: list[OcrLine]) -> list[OcrLine]:
    """The first line and the lines it wraps onto: same size and column, no sentence end, no link row or chip."""
    picked = [lines[0]]
    for ln in lines[1:]:
        prev = picked[-1]
        words = ln.text.split()
        if (not continues(prev, ln) or SENTENCE_END.search(prev.text[-2:] + " ") or " | " in ln.text
                or (len(words) < 2 and not ln.text[:1].islower()) or ln.text.isupper()):
            break
        picked.append(ln)
    return picked


_BILLING = re.compile(r"\b(?:plans?|pricing|prices?|billed|pay|per month|upgrade|cancel|tokens|mtok|"
                      r"free tier|subscription)\b", re.IGNORECASE)
_NOT_PITCH = re.compile(r"[=(){}]|^(?:from|import|table of contents|\d+\.)\b|\s\|\s", re.IGNORECASE)


def is_pitch(text: str, name: str = "") -> bool:
    """Could this be a product's one-line pitch? Not billing copy, code, a contents list, several sentences,
    or a description that opens with the product's own name ('X is a ...')."""
    if _BILLING.search(text) or _NOT_PITCH.search(text) or len(text.split()) > 30:
        return False
    if text.rstrip().endswith("?") or (len(text.split()) <= 4 and ACTION_RE.match(text)):
        return False  # a question heading ('What is Docling?'), a button ('View on GitHub')
    if len(re.findall(r"[.!?](?:\s|$)", text)) > 2:
        return False
    opening = re.sub(r"^(?:the|an?)\s+", "", text, flags=re.IGNORECASE)
    return not (name and opening.lower().startswith(name.lower()) and re.match(
        r"\S+(?:\s+\S+){0,6}\s+(?:is|are)\b", opening))


def _under(anchor: OcrLine, ln: OcrLine) -> bool:
    """In the name's column: overlapping it horizontally (a mockup beside the hero is not the tagline)."""
    return overlap_x(anchor, ln) > 0.3 * min(anchor.width, ln.width)


def find_category(page: Page, name: Pick | None = None) -> Pick | None:
    """An explicit 'Category: X', else the eyebrow label over the name, else the category-like label nearest it."""
    for ln in page.lines:
        m = _CATEGORY_LABEL_RE.match(ln.text.strip())
        if m:
            return Pick(_title(m.group(1)), [ln])
    eyebrow = _eyebrow(page, name)
    if eyebrow and name and squash(eyebrow.text) in squash(name.text):
        eyebrow = None  # the product's own wordmark over its heading ('GitHub Copilot' over 'Plans for GitHub Copilot')
    if eyebrow:
        return Pick(_title(eyebrow.text.strip()), [eyebrow])
    nav_bottom = page.lines[0].box[3] if page.lines else 0
    labels = [ln for ln in page.lines if ln.box[1] > nav_bottom and ln.box[1] < page.size[1] * 0.6
              and not is_chrome(ln) and (_CATEGORY_RE.match(ln.text.strip()) or _HEAD_NOUN_RE.search(ln.text.strip()))]
    anchor_y = name.lines[0].box[1] if name else 0
    reach = 5 * name.lines[0].height if name else page.size[1]
    labels = [ln for ln in labels if abs(ln.box[1] - anchor_y) < reach]
    if not labels:
        return None
    best = min(labels, key=lambda ln: abs(ln.box[1] - anchor_y))
    m = _CATEGORY_RE.match(best.text.strip())
    return Pick(_canonical_category(m.group(1)) if m else _title(best.text.strip()), [best])


_HEAD_NOUN_RE = re.compile(
    r"^(?:[A-Z][\w-]*\s){0,2}(?:Embeddings?|Generation|Translation|Assistant|Model|Agents|Tools|Transcription|"
    r"Recognition|Analytics|Automation|Search|AI)$", re.IGNORECASE)


def _eyebrow(page: Page, name: Pick | None) -> OcrLine | None:
    """A short small label just above (or under) the headline, like 'IMAGE GENERATION'."""
    if name is None:
        return None
    anchor = name.lines[0]
    for ln in page.lines:
        if (ln is anchor or is_chrome(ln) or PRICE_RE.search(ln.text) or not 1 <= len(ln.text.split()) <= 4
                or ln.text.strip().endswith("/") or not ln.text.strip()[:1].isalpha()):  # '[Build] bump torch': a commit
            continue
        aligned = abs(ln.box[0] - anchor.box[0]) < 3 * ln.height or abs(
            (ln.box[0] + ln.box[2]) - (anchor.box[0] + anchor.box[2])) < 6 * ln.height
        gap_above = anchor.box[1] - ln.box[3]
        if aligned and 0 <= gap_above < 1.2 * anchor.height and ln.height < 0.8 * anchor.height:
            return ln
        if aligned and ln.text.strip().isupper() and 0 <= gap_above < 3 * anchor.height:
            return ln
    return None


def _canonical_category(text: str) -> str:
    for c in CATEGORIES:
        if c.lower() == text.lower():
            return c
    return _title(text)


ACRONYMS = {"ai", "api", "ml", "llm", "ocr", "crm", "sdk", "ui", "ux", "rag", "seo", "hr"}


def _title(text: str) -> str:
    """'WRITING ASSISTANT' and 'voice ai' both read as a person writes them: 'Writing Assistant', 'Voice AI'."""
    if any(ch.islower() for ch in text) and any(ch.isupper() for ch in text):
        return text
    return " ".join(w.upper() if w.lower() in ACRONYMS else w.capitalize() for w in text.split())


def find_description(page: Page, exclude: set[int]) -> Pick | None:
    """The longest block of body-size prose: 2-4 sentences, lines joined in reading order."""
    blocks = _blocks([ln for ln in page.lines if id(ln) not in exclude])
    scored = []
    for block in blocks:
        text = " ".join(ln.text.strip() for ln in block)
        words = len(text.split())
        sentences = len(SENTENCE_END.findall(text + " "))
        if words < 12 or sentences < 1 or (PRICE_RE.search(text) and words < 25):
            continue
        scored.append((sentences >= 2, words, block, text))
    if not scored:
        return None
    _, _, block, text = max(scored, key=lambda s: (s[0], s[1]))
    return Pick(_first_sentences(text, 4), block)


def _blocks(lines: list[OcrLine]) -> list[list[OcrLine]]:
    """Lines of one size stacked in one column with line-height gaps: paragraphs.

    A line joins any open block whose last line sits right above it, so a sidebar read in
    between (reading order interleaves columns) does not split a paragraph.
    """
    blocks: list[list[OcrLine]] = []
    for ln in lines:
        for block in reversed(blocks):
            if continues(block[-1], ln):
                block.append(ln)
                break
        else:
            blocks.append([ln])
    return blocks


def _first_sentences(text: str, n: int) -> str:
    parts = re.split(r"(?<=[.!?])\s+", text.strip())
    return " ".join(parts[:n])
