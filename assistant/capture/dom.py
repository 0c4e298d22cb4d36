"""The page's second channel: its visible text with a box per line (in screenshot pixels), and its metadata.

The browser gives words with their boxes (`WORDS_JS`, through Range.getClientRects on text nodes); `lines_of`
groups them into lines as OCR would cut them (a row, split where the gap is wider than a space), so the
extractor reads a captured page as it reads a screenshot, without OCR's slips. All of it is page text:
untrusted, like a screenshot's.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable

from ..datamodel import Dom, OcrLine, PageMeta
from ..sanitize import printable

# Each visible word: [text, x0, y0, x1, y1, node, font_px, weight, heading, chrome, control, price, table_row,
# table_col, table] in document CSS
# px, cased as shown (CSS text-transform); `node` numbers its text node (a DOM text node is one phrase however wide its
# word-spacing), the rest is its element's DOM signal (`Dom`). A word inside an element hidden by CSS (display,
# visibility, opacity, content-visibility) or clipped to nothing has no box here.
WORDS_JS = """() => {
  const out = [];
  const root = document.body || document.documentElement;
  if (!root) return out;
  const skip = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TITLE', 'OPTION']);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const sx = window.scrollX, sy = window.scrollY;
  const shown = new Map();  // element -> its text-transform, or null when it is not visible
  const signals = new Map();  // element -> [font_px, weight, heading, chrome, control, price, table_row, table_col, table]
  const rows = new Map(), tables = new Map();  // <tr>, <table> -> its number on the page
  const CHROME = 'nav, header, footer, aside, [role=navigation], [role=banner], [role=contentinfo], [role=complementary]';
  const CONTROL = 'a, button, select, label, [role=button], [role=link], [role=tab], [role=menuitem]';
  const signal = el => {
    const st = getComputedStyle(el);
    const h = el.closest('h1, h2, h3, h4, h5, h6, [role=heading]');
    const level = !h ? 0 : /^H[1-6]$/.test(h.tagName) ? +h.tagName[1] : (+h.getAttribute('aria-level') || 2);
    const chrome = el.closest(CHROME);
    // a <header> inside an article or section heads that content; only the page's own header is chrome
    const own = chrome && !(chrome.tagName === 'HEADER' && chrome.parentElement &&
                            chrome.parentElement.closest('article, section, main'));
    return [parseFloat(st.fontSize) || 0, parseInt(st.fontWeight) || 400, level, own ? 1 : 0,
            el.closest(CONTROL) ? 1 : 0, el.closest('[itemprop=price], [itemprop=lowPrice], [itemprop=offers]') ? 1 : 0,
            ...cell(el)];
  };
  const cell = el => {
    const td = el.closest('td, th'), tr = td && td.parentElement && td.parentElement.tagName === 'TR' ? td.parentElement : null;
    const table = tr && tr.closest('table');
    if (!table) return [0, -1, 0];
    if (!rows.has(tr)) rows.set(tr, rows.size + 1);
    if (!tables.has(table)) tables.set(table, tables.size + 1);
    return [rows.get(tr), td.cellIndex, tables.get(table)];
  };
  let nodes = 0;
  // the words as the screenshot shows them: a heading styled uppercase reads uppercase, as OCR reads it
  const cased = (w, t) => t === 'uppercase' ? w.toUpperCase() : t === 'lowercase' ? w.toLowerCase()
                        : t === 'capitalize' ? w.charAt(0).toUpperCase() + w.slice(1) : w;
  let node;
  while ((node = walker.nextNode())) {
    const el = node.parentElement;
    if (!el || skip.has(el.tagName) || !node.nodeValue.trim()) continue;
    if (!shown.has(el)) shown.set(el, el.checkVisibility({opacityProperty: true, visibilityProperty: true,
                                                          contentVisibilityAuto: true})
                                      ? getComputedStyle(el).textTransform : null);
    const transform = shown.get(el);
    if (transform === null) continue;
    if (!signals.has(el)) signals.set(el, signal(el));
    const sig = signals.get(el);
    nodes += 1;
    const text = node.nodeValue, re = /\\S+/g;
    let m;
    while ((m = re.exec(text))) {
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const r = Array.from(range.getClientRects()).find(r => r.width >= 1 && r.height >= 1);
      if (r) out.push([cased(m[0], transform), r.left + sx, r.top + sy, r.right + sx, r.bottom + sy, nodes, ...sig]);
      if (out.length >= 20000) return out;
    }
  }
  return out;
}"""

# <title>, OpenGraph, canonical and the JSON-LD blocks as text (parsed in Python, where a bad block is skipped).
META_JS = """() => {
  const meta = p => { const el = document.querySelector(`meta[property="${p}"], meta[name="${p}"]`);
                      return el ? el.getAttribute('content') : null; };
  const link = document.querySelector('link[rel="canonical"]');
  return {title: document.title || null, site_name: meta('og:site_name'), og_title: meta('og:title'),
          og_description: meta('og:description'), canonical: link ? link.href : null,
          jsonld: Array.from(document.querySelectorAll('script[type="application/ld+json"]'))
                       .slice(0, 20).map(s => s.textContent.slice(0, 100000))};
}"""

Word = tuple  # (text, x0, y0, x1, y1) and, from WORDS_JS, (node, *Dom's fields)
GAP = 0.8  # a gap wider than this many line heights starts a new line (a space is ~0.3; a nav gap ~1.5)
MAX_TEXT = 300  # characters kept of one metadata value


def lines_of(words: Iterable[Word], scale: float, name: str, bottom: float | None = None,
             right: float | None = None) -> list[OcrLine]:
    """Words grouped into OCR-like lines, boxes in screenshot pixels; words below `bottom` or past `right` (CSS px:
    the screenshot's edges; a carousel's hidden slides lie there) are cut."""
    kept = [w for w in words if w[3] > w[1] and w[4] > w[2] and w[1] >= -1 and w[2] >= -1
            and (bottom is None or w[4] <= bottom) and (right is None or w[3] <= right)]
    rows: list[list[Word]] = []
    for word in sorted(kept, key=lambda w: ((w[2] + w[4]) / 2, w[1])):
        centre, height = (word[2] + word[4]) / 2, word[4] - word[2]
        row = rows[-1] if rows else None
        if row and abs(centre - (row[0][2] + row[0][4]) / 2) < min(height, row[0][4] - row[0][2]) / 2:
            row.append(word)
        else:
            rows.append([word])
    lines = []
    for row in rows:
        for run in _runs(sorted(row, key=lambda w: w[1])):
            box = (min(w[1] for w in run) * scale, min(w[2] for w in run) * scale,
                   max(w[3] for w in run) * scale, max(w[4] for w in run) * scale)
            text = printable(_joined(run))
            lines.append(OcrLine(text=text, box=box, confidence=1.0, image=name, dom=dom_of(run)))
    return lines


def dom_of(run: list[Word]) -> Dom | None:
    """One line's DOM signal from its words': the largest type, a heading when any word is in one (the highest
    level), chrome or a control only when every word is (a heading beside a nav link is not chrome), a table cell
    when every word is in that one."""
    sigs = [w[6:15] for w in run if len(w) >= 15]
    if not sigs:
        return None
    levels = [int(s[2]) for s in sigs if int(s[2]) > 0]
    return dom_from(max(float(s[0]) for s in sigs), max(int(s[1]) for s in sigs), min(levels, default=0),
                    all(bool(s[3]) for s in sigs), all(bool(s[4]) for s in sigs), any(bool(s[5]) for s in sigs),
                    *(sigs[0][6:9] if all(s[6:9] == sigs[0][6:9] for s in sigs) else (0, -1, 0)))


def dom_from(font_px: float, weight: int, heading: int, chrome: bool, control: bool, price: bool, table_row: int = 0,
             table_col: int = -1, table: int = 0) -> Dom:
    """A Dom with each value held to its range (the page's scripts can reach the values the browser reports)."""
    row = min(max(int(table_row), 0), 10**6)
    return Dom(font_px=min(max(float(font_px), 0.0), 1000.0), weight=min(max(int(weight), 0), 1000),
               heading=min(max(int(heading), 0), 6), chrome=bool(chrome), control=bool(control), price=bool(price),
               table_row=row, table_col=min(max(int(table_col), -1), 1000) if row else -1,
               table=min(max(int(table), 0), 10**6) if row else 0)


def dom_row(dom: Dom | None) -> list:
    """A line's Dom as the sidecar keeps it (after the box): [font_px, weight, heading, 'chrome control price'
    flags as 0/1 digits, table_row, table_col, table]; nothing for a line without one."""
    if dom is None:
        return []
    return [round(dom.font_px, 1), dom.weight, dom.heading, f"{dom.chrome:d}{dom.control:d}{dom.price:d}",
            dom.table_row, dom.table_col, dom.table]


def dom_of_row(row: list) -> Dom | None:
    if len(row) < 4:
        return None
    flags = str(row[3])[:3].ljust(3, "0")
    return dom_from(float(row[0]), int(row[1]), int(row[2]), flags[0] == "1", flags[1] == "1", flags[2] == "1",
                    *(int(x) for x in row[4:7]))


TOUCH = 0.1  # words closer than this many line heights touch: two text nodes of one word ('v' 'LLM' -> 'vLLM')


def _joined(run: list[Word]) -> str:
    text = run[0][0]
    for prev, word in itertools.pairwise(run):
        touching = word[1] - prev[3] < TOUCH * min(prev[4] - prev[2], word[4] - word[2])
        text += ("" if touching else " ") + word[0]
    return text


def _runs(row: list[Word]) -> list[list[Word]]:
    """One row split where the gap between two words is wider than GAP line heights (separate boxes on the page) but
    not inside one text node (wide word-spacing), and between a table's cells (the DOM knows where one ends)."""
    runs = [[row[0]]]
    for prev, word in itertools.pairwise(row):
        height = min(prev[4] - prev[2], word[4] - word[2])
        one_node = len(word) > 5 and len(prev) > 5 and word[5] == prev[5]  # wide word-spacing, still one phrase
        if (word[1] - prev[3] > GAP * height and not one_node) or word[1] < prev[1] or _other_cell(prev, word) \
                or _other_type(prev, word):
            runs.append([word])
        else:
            runs[-1].append(word)
    return runs


def _other_cell(a: Word, b: Word) -> bool:
    """Two words in different cells of a table (or one in a cell, one not): separate text however close they sit."""
    if len(a) < 15 or len(b) < 15:
        return False
    return (bool(a[12]) or bool(b[12])) and tuple(a[12:15]) != tuple(b[12:15])


SIZE_STEP = 1.2  # words of two text nodes whose CSS font sizes differ by this factor are separate text


def _other_type(a: Word, b: Word) -> bool:
    """Two text nodes set in different type ('Gemini 2.5 Pro' and its smaller id 'gemini-2.5-pro' in one heading)."""
    if len(a) < 15 or len(b) < 15 or a[5] == b[5] or not (a[6] > 0 and b[6] > 0):
        return False
    return max(a[6], b[6]) >= SIZE_STEP * min(a[6], b[6])


def meta_of(raw: dict) -> PageMeta:
    """The metadata the page gave (`META_JS`), each value cut to MAX_TEXT characters and made printable."""
    offers: list[tuple[str | None, str | None, str | None]] = []
    for block in raw.get("jsonld") or []:
        try:
            _offers(json.loads(block), offers)
        except (ValueError, RecursionError):
            continue  # a broken block says nothing
    return PageMeta(title=_text(raw.get("title")), site_name=_text(raw.get("site_name")),
                    og_title=_text(raw.get("og_title")), og_description=_text(raw.get("og_description")),
                    canonical=_text(raw.get("canonical")), offers=tuple(offers[:20]))


PRODUCT_TYPES = {"product", "softwareapplication", "webapplication", "mobileapplication", "offer", "aggregateoffer"}


def _offers(node: object, found: list, depth: int = 0, owner: str | None = None) -> None:
    """(name, price, currency) of each Product/SoftwareApplication/Offer in a JSON-LD tree (its @graph included); an
    Offer inside a Product carries the Product's name."""
    if depth > 8 or len(found) >= 20:
        return
    if isinstance(node, list):
        for item in node[:50]:
            _offers(item, found, depth + 1, owner)
        return
    if not isinstance(node, dict):
        return
    kinds = node.get("@type")
    kinds = [kinds] if isinstance(kinds, str) else kinds if isinstance(kinds, list) else []
    if any(isinstance(k, str) and k.lower() in PRODUCT_TYPES for k in kinds):
        owner = _text(node.get("name")) or owner
        price = node.get("price", node.get("lowPrice"))
        if price is not None or "offers" not in node:
            found.append((owner, _text(price), _text(node.get("priceCurrency"))))
    for key in ("@graph", "offers", "itemListElement", "mainEntity"):
        if key in node:
            _offers(node[key], found, depth + 1, owner)


def _text(value: object) -> str | None:
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = " ".join(printable(str(value)).split())[:MAX_TEXT]
    return text or None
