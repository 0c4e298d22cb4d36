"""Variants: one page, several captures. Each function takes the page's HTML and returns the HTML to render."""

from __future__ import annotations

import html as htmllib
import re
import zlib

from benchmarks.corpus.page import Page

CHROME_H = 86  # tab strip + address bar, CSS px

ANNOUNCEMENTS = (
    "New: Our 2025 developer survey results are in — read the report →",
    "New: Join us live on June 12 for Launch Week day 3 →",
    "New: SOC 2 Type II report now available for all customers →",
    "New: We're hiring engineers in Berlin, London and remote →",
)


def _seed(page: Page) -> int:
    return zlib.crc32(page.id.encode())


def cut_px(page: Page) -> int:
    """How many CSS px a `cut` capture loses at the top: 120–300, fixed per page."""
    return 120 + _seed(page) % 181


def dark(doc: str) -> str:
    def add(m: re.Match) -> str:
        attrs = m.group(1)
        if re.search(r'\bclass="', attrs):
            return "<html" + re.sub(r'\bclass="', 'class="dark ', attrs, count=1) + ">"
        return f'<html class="dark"{attrs}>'

    return re.sub(r"<html\b([^>]*)>", add, doc, count=1)


def announce(doc: str, page: Page) -> str:
    text = ANNOUNCEMENTS[_seed(page) % len(ANNOUNCEMENTS)]
    bar = ('<div style="background:#111827;color:#f9fafb;font:500 14px/1.2 \'DejaVu Sans\',sans-serif;'
           f'text-align:center;padding:10px 16px;position:relative;z-index:50">{htmllib.escape(text)}</div>')
    return re.sub(r"(<body\b[^>]*>)", lambda m: m.group(1) + bar, doc, count=1)


def cookie(doc: str, page: Page) -> str:
    """A consent banner: a bar that pushes the page down (one page in three), else a card floating at the bottom."""
    top = _seed(page) % 3 == 0
    where = "position:relative" if top else \
        "position:fixed;bottom:16px;left:16px;right:16px;border-radius:10px;box-shadow:0 4px 24px rgba(0,0,0,.25)"
    banner = (
        f'<div style="{where};z-index:999;background:#ffffff;color:#1f2937;border-bottom:1px solid #d1d5db;'
        "padding:16px 22px;display:flex;align-items:center;gap:18px;"
        "font:14px/1.4 'Liberation Sans',Arial,sans-serif\">"
        '<div style="flex:1">We use cookies to analyse traffic and improve your experience. '
        "By clicking “Accept all”, you consent to our use of cookies. "
        '<u>Cookie policy</u></div>'
        '<button style="padding:9px 16px;border:1px solid #9ca3af;background:#fff;border-radius:6px;font:inherit">Reject</button>'
        '<button style="padding:9px 16px;border:0;background:#2563eb;color:#fff;border-radius:6px;font:inherit">Accept all</button>'
        "</div>"
    )
    if top:
        return re.sub(r"(<body\b[^>]*>)", lambda m: m.group(1) + banner, doc, count=1)
    return re.sub(r"(</body>)", lambda m: banner + m.group(1), doc, count=1)


def browser(doc: str, page: Page) -> str:
    m = re.search(r"<title>(.*?)</title>", doc, re.DOTALL | re.IGNORECASE)
    title = htmllib.unescape(m.group(1).strip()) if m else page.id
    url = page.url or f"https://{page.id}.example"
    shown = re.sub(r"^https://", "", url)
    w, h = page.viewport
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>{htmllib.escape(title)}</title><style>
body{{margin:0;background:#dee1e6;font:13px 'DejaVu Sans',sans-serif;overflow:hidden}}
.tabs{{height:40px;display:flex;align-items:flex-end;padding:0 8px;gap:4px}}
.tab{{background:#fff;border-radius:8px 8px 0 0;padding:9px 14px;width:220px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;color:#202124}}
.tab.off{{background:transparent;color:#5f6368;width:160px}}
.bar{{height:46px;background:#fff;display:flex;align-items:center;gap:12px;padding:0 12px;border-bottom:1px solid #dadce0}}
.nav{{color:#5f6368;font-size:16px;width:18px;text-align:center}}
.url{{flex:1;background:#f1f3f4;border-radius:16px;padding:7px 14px;color:#202124}}
.url b{{font-weight:normal;color:#5f6368}}
iframe{{border:0;display:block;width:{w}px;height:{h - CHROME_H}px;background:#fff}}
</style></head><body>
<div class="tabs"><div class="tab">{htmllib.escape(title)}</div><div class="tab off">New Tab</div></div>
<div class="bar"><span class="nav">←</span><span class="nav">→</span><span class="nav">⟳</span>
<div class="url"><svg width="12" height="13" viewBox="0 0 12 13" style="vertical-align:-1px;margin-right:4px"><rect x="1" y="5.5" width="10" height="7" rx="1.5" fill="#5f6368"/><path d="M3.5 5.5V4a2.5 2.5 0 0 1 5 0v1.5" fill="none" stroke="#5f6368" stroke-width="1.5"/></svg><b>{htmllib.escape(shown)}</b></div><span class="nav">⋮</span></div>
<iframe srcdoc="{htmllib.escape(doc, quote=True)}"></iframe>
</body></html>"""


def apply(page: Page, variant: str) -> tuple[str, float, int]:
    """(html, device scale factor, px to crop at the top in CSS px) for one variant of a page."""
    doc = page.html
    if variant == "dark":
        return dark(doc), 1.0, 0
    if variant == "2x":
        return doc, 2.0, 0
    if variant == "browser":
        return browser(doc, page), 1.0, 0
    if variant == "cookie":
        return cookie(doc, page), 1.0, 0
    if variant == "announce":
        return announce(doc, page), 1.0, 0
    if variant == "cut":
        return doc, 1.0, cut_px(page)
    return doc, 1.0, 0
