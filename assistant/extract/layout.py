"""What a line is on its page, in numbers: size, place, band, shape and neighbours.

These features feed the line-role model (`roles.py`). They are scale-free (sizes relative to the
page's body text, places relative to the page width), so a 2x capture or a phone screenshot reads
like a 1x desktop one, and they describe layout, not any one site's words.
"""

from __future__ import annotations

import re
from collections import Counter
from statistics import median

from ..datamodel import OcrLine, Screen
from .pricing import FREE_RE, PRICE_RE

NAV_WORDS = {
    "home", "features", "pricing", "docs", "documentation", "blog", "about", "login", "log in", "sign in", "sign up",
    "get started", "contact", "careers", "changelog", "faq", "support", "download", "product", "products",
    "customers", "company", "resources", "start free", "try free", "try it free", "book a demo", "models", "files",
    "community", "enterprise", "api", "datasets", "spaces", "settings", "github", "star", "like", "code", "issues",
    "pull requests", "actions", "projects", "wiki", "security", "insights", "readme", "explore", "search",
    "solutions", "open source", "marketplace", "overview", "reviews", "alternatives", "categories", "submit",
    "newsletter", "menu", "install", "get", "add to chrome", "visit website", "visit", "upvote", "follow", "share",
    "model card", "files and versions", "use this model", "deploy", "train", "guides", "reference", "examples",
}
URL_RE = re.compile(r"^(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:/\S*)?$", re.IGNORECASE)
SPLIT_RE = re.compile(r"^(?P<name>[^:–—|-]{2,40}?)\s*(?:[:|–—]|\s-)\s+(?P<rest>\S.{6,})$")
SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
LEGAL_RE = re.compile(r"©|\bcopyright\b|all rights reserved|privacy|terms of (?:service|use)|cookies?\b", re.IGNORECASE)
ACTION_RE = re.compile(r"^(?:get|try|start|sign|book|install|add|download|join|request|buy|upgrade|visit|"
                       r"learn|read|see|view|watch|contact|talk|explore|go)\b", re.IGNORECASE)

FEATURES = (
    "h_rel", "h_rank", "h_top_rel", "is_tallest", "y_w", "y_rel", "x0_rel", "xc_off", "w_rel", "words", "chars",
    "caps_ratio", "title_ratio", "digits", "ends_sentence", "has_slash", "is_url", "is_nav", "is_action", "legal",
    "row_n", "row_share", "price", "page_prices", "gap_above", "gap_below", "below_h_rel", "below_words",
    "above_h_rel", "repeats", "in_url", "split", "rank_in_top", "first_big", "page_h_w", "lines_above",
    "conf", "sentences", "left_col", "tall_above",
)


def squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def split_heading(text: str) -> tuple[str, str] | None:
    """'Name - slogan', 'Name: slogan', 'Name | slogan' -> (name, slogan); None for a plain heading."""
    m = SPLIT_RE.match(text.strip())
    if not m or len(m.group("name").split()) > 4 or len(m.group("rest").split()) < 2:
        return None
    return m.group("name").strip(), m.group("rest").strip()


def is_nav(text: str) -> bool:
    t = text.strip().lower().rstrip("→>›↗").strip()
    return t in NAV_WORDS or len(t) <= 1


def _rows(lines: list[OcrLine]) -> list[int]:
    """Row index of each line (lines in reading order; one row when vertical centres are within half a height)."""
    rows, row, last = [], -1, None
    for ln in lines:
        centre = (ln.box[1] + ln.box[3]) / 2
        if last is None or abs(centre - (last.box[1] + last.box[3]) / 2) >= min(ln.height, last.height) / 2:
            row += 1
            last = ln
        rows.append(row)
    return rows


def line_features(screen: Screen) -> list[list[float]]:
    """One feature vector per line of `screen`, in the order of `FEATURES`."""
    lines = screen.lines
    if not lines:
        return []
    width, height = screen.size
    heights = [max(ln.height, 1.0) for ln in lines]
    body = median(heights)
    order = sorted(heights, reverse=True)
    top_h = max((h for ln, h in zip(lines, heights) if ln.box[1] < max(width * 0.9, height * 0.5)), default=body)
    rows = _rows(lines)
    row_counts = Counter(rows)
    squashed = [squash(ln.text) for ln in lines]
    urls = " ".join(s for s, ln in zip(squashed, lines) if URL_RE.match(ln.text.strip()))
    page_prices = sum(1 for ln in lines if PRICE_RE.search(ln.text) or FREE_RE.match(ln.text))
    counts = Counter(squashed)
    top_ranked = sorted((i for i, ln in enumerate(lines) if ln.box[1] < width * 0.6), key=lambda i: -heights[i])
    rank_top = {i: r for r, i in enumerate(top_ranked)}
    first_big = next((i for i, h in enumerate(heights) if h >= 1.6 * body and not is_nav(lines[i].text)), -1)
    out = []
    for i, ln in enumerate(lines):
        text = ln.text.strip()
        words = text.split()
        letters = [c for c in text if c.isalpha()]
        below = _neighbour(lines, i, +1)
        above = _neighbour(lines, i, -1)
        sq = squashed[i]
        repeats = sum(1 for j, s in enumerate(squashed) if j != i and len(sq) >= 3 and sq in s) if sq else 0
        out.append([
            heights[i] / body,
            order.index(heights[i]) / len(lines),
            heights[i] / top_h,
            float(heights[i] >= order[0] * 0.95),
            ln.box[1] / width,
            ln.box[1] / height,
            ln.box[0] / width,
            abs((ln.box[0] + ln.box[2]) / 2 - width / 2) / width,
            ln.width / width,
            len(words),
            len(text),
            sum(c.isupper() for c in letters) / len(letters) if letters else 0.0,
            sum(w[:1].isupper() for w in words) / len(words) if words else 0.0,
            float(any(c.isdigit() for c in text)),
            float(bool(SENTENCE_END.search(text[-2:] + " "))),
            float("/" in text),
            float(bool(URL_RE.match(text))),
            float(is_nav(text)),
            float(bool(ACTION_RE.match(text)) and len(words) <= 4),
            float(bool(LEGAL_RE.search(text))),
            row_counts[rows[i]],
            ln.width / max(1.0, sum(x.width for x, r in zip(lines, rows) if r == rows[i])),
            float(bool(PRICE_RE.search(text) or FREE_RE.match(text))),
            page_prices,
            _gap(above, ln) / heights[i] if above else 10.0,
            _gap(ln, below) / heights[i] if below else 10.0,
            below.height / heights[i] if below else 0.0,
            len(below.text.split()) if below else 0,
            above.height / heights[i] if above else 0.0,
            min(repeats + counts[sq] - 1, 10),
            float(len(sq) >= 3 and sq in urls and not URL_RE.match(text)),
            float(split_heading(text) is not None),
            rank_top.get(i, 99),
            float(i == first_big),
            height / width,
            i / len(lines),
            ln.confidence,
            len(SENTENCE_END.findall(text + " ")),
            float(ln.box[2] < width * 0.3),
            sum(1 for j, h in enumerate(heights) if h > heights[i] * 1.15 and lines[j].box[1] < ln.box[1]),
        ])
    return out


def _neighbour(lines: list[OcrLine], i: int, step: int) -> OcrLine | None:
    """The nearest line above or below that overlaps this one horizontally (same column)."""
    ln = lines[i]
    j = i + step
    while 0 <= j < len(lines):
        other = lines[j]
        vertical = other.box[1] >= ln.box[3] - 2 if step > 0 else other.box[3] <= ln.box[1] + 2
        overlap = min(ln.box[2], other.box[2]) - max(ln.box[0], other.box[0])
        if vertical and overlap > 0:
            return other
        j += step
    return None


def _gap(upper: OcrLine, lower: OcrLine) -> float:
    return max(0.0, lower.box[1] - upper.box[3])
