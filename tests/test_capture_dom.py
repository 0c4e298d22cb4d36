"""What a captured page's DOM says that its pixels do not (issue 26): per line, the CSS font size and weight, the
heading level, nav/header/footer, link/button, itemprop price and a table's row and column; kept in the sidecar,
read by the Page (sizes, chrome) and by the name ranker and the price rules. Real Chromium, a real HTTP server on
127.0.0.1; skipped without Playwright or Chromium (a failure on CI), like tests/test_capture.py.
"""

from __future__ import annotations

import http.server
import os
import threading
from typing import ClassVar

import pytest

from assistant.capture import capture_all, resolve
from assistant.capture.browser import CaptureOptions, chromium_path
from assistant.capture.dom import lines_of
from benchmarks.corpus import families

pytestmark = [pytest.mark.capture, pytest.mark.timeout(120)]

SIGNALS = """<!doctype html><html><body style="font-family:sans-serif;font-size:16px;margin:20px">
<header><a href="/" style="font-size:20px;font-weight:700">Kestrel</a></header>
<nav style="margin-top:400px"><a href="/docs">Documentation for every release</a></nav>
<h1 style="font-size:40px">Kestrel Cloud pricing</h1><h2 style="font-size:24px">Plans for teams</h2>
<p>Kestrel Cloud runs your models close to your data.</p>
<div itemscope itemtype="https://schema.org/Offer"><span itemprop="price" content="12">$12 / month</span></div>
<button style="font-size:16px">Start free trial</button>
<table><tr><th>Plan</th><th>Price</th></tr><tr><td>Starter</td><td>$5</td></tr></table>
<footer><p style="word-spacing:40px">© 2025 Kestrel Docs Blog</p></footer></body></html>"""

# unsealed corpus pages whose screenshots' readings pick the logo's short name, or the second name of 'A vs. B'
CORPUS = {f"/{page.id}": page for family in ("pricing", "comparison", "api-prices") for page in families.load(family)
          if page.id in ("calcom-platform", "continue-vs-copilot", "mistral-api-prices", "gemini-api-prices")}

ROWS = "".join(f"<tr><td><b>Kestrel {n}</b><br><code style='font-size:12px'>kestrel-{n.lower()}-latest</code></td>"
               f"<td>${p:.2f} /M tokens</td><td>${2 * p:.2f} /M tokens</td></tr>"
               for n, p in [("Large", 2.0), ("Medium", 1.0), ("Small", 0.4), ("Mini", 0.2), ("Nano", 0.1),
                            ("Edge", 0.05), ("Tiny", 0.03), ("Micro", 0.02)])
TABLE = f"""<!doctype html><html><body style="font-family:sans-serif;margin:0;padding:40px">
<h1 style="font-size:34px">Kestrel API pricing</h1>
<table style="border-spacing:0 14px"><tr><th>MODEL</th><th>INPUT</th><th>OUTPUT</th></tr>{ROWS}</table></body></html>"""


class Site(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, str]] = {"/signals": SIGNALS, "/table": TABLE,
                                        **{path: page.html for path, page in CORPUS.items()}}

    def do_GET(self) -> None:
        body = self.routes.get(self.path)
        if body is None:
            self.send_error(404)
            return
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def site():
    missing = "" if chromium_path() else "no Chromium on PATH: apt-get install chromium"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing = "Playwright is not installed: pip install 'shipcard[capture]'"
    if missing:
        (pytest.fail if os.environ.get("CI") else pytest.skip)(missing)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


LOCAL = CaptureOptions(allow_local=True, timeout_s=15)


def _extract(site: str, path: str, tmp_path):
    from assistant.backends import choose
    from assistant.pipeline import extract

    [png] = resolve([[f"{site}{path}"]], tmp_path, LOCAL)[0]
    return extract([png], choose("ocr", {}))


def _line(lines, text):
    return next(ln for ln in lines if ln.text == text)


def test_each_line_carries_its_dom_signals_and_the_sidecar_keeps_them(site, tmp_path):
    [shot] = capture_all([f"{site}/signals"], LOCAL)[f"{site}/signals"]
    lines = shot.lines
    logo, nav = _line(lines, "Kestrel").dom, _line(lines, "Documentation for every release").dom
    assert logo.chrome and logo.control and logo.font_px == 20 and logo.weight == 700 and not logo.heading
    assert nav.chrome and nav.control  # a <nav> mid-page, where no band of short items says so
    h1, h2 = _line(lines, "Kestrel Cloud pricing").dom, _line(lines, "Plans for teams").dom
    assert (h1.heading, h1.font_px, h1.chrome) == (1, 40, False) and (h2.heading, h2.font_px) == (2, 24)
    assert _line(lines, "$12 / month").dom.price and not _line(lines, "Plans for teams").dom.price
    assert _line(lines, "Start free trial").dom.control
    starter, five, plan = _line(lines, "Starter").dom, _line(lines, "$5").dom, _line(lines, "Plan").dom
    assert starter.table and starter.table_row == five.table_row != plan.table_row
    assert (starter.table_col, five.table_col) == (0, 1) and plan.table == starter.table
    assert not h1.table and h1.table_col == -1
    # one text node is one phrase, however wide its word-spacing: the copyright keeps the name it gives
    footer = _line(lines, "© 2025 Kestrel Docs Blog").dom
    assert footer.chrome and not footer.control
    from assistant.pipeline import read_screens

    [png] = resolve([[f"{site}/signals"]], tmp_path, LOCAL)[0]
    [screen] = read_screens([png])
    assert [ln.dom for ln in screen.lines] == [ln.dom for ln in lines]  # the sidecar round trip


def test_the_page_sizes_lines_by_css_font_size_and_calls_nav_and_footer_chrome(site, tmp_path):
    from assistant.page import page_of
    from assistant.pipeline import read_screens

    [png] = resolve([[f"{site}/signals"]], tmp_path, LOCAL)[0]
    [screen] = read_screens([png])
    page = page_of(screen)
    at = {ln.text: i for i, ln in enumerate(page.lines)}
    body = page.sizes[at["Kestrel Cloud runs your models close to your data."]]
    assert page.sizes[at["Kestrel Cloud pricing"]] == pytest.approx(2.5 * body)  # 40px over the 16px body
    assert page.roles[at["Documentation for every release"]] == "chrome"
    assert page.roles[at["© 2025 Kestrel Docs Blog"]] == "chrome"


def test_the_h1_gives_the_fuller_name_over_the_logo(site, tmp_path):
    facts, _ = _extract(site, "/calcom-platform", tmp_path)  # the logo 'Cal.com', the <h1> 'Cal.com Platform pricing'
    assert facts.name == CORPUS["/calcom-platform"].truth["name"] == "Cal.com Platform"


def test_an_h1_versus_heading_names_its_first_product(site, tmp_path):
    facts, _ = _extract(site, "/continue-vs-copilot", tmp_path)  # <h1>Continue vs. GitHub Copilot</h1>
    assert facts.name == "Continue"


def test_a_captured_table_names_each_price_by_its_rows_first_cell(site, tmp_path):
    facts, _ = _extract(site, "/mistral-api-prices", tmp_path)  # each name cell: the model's name over its id
    want = CORPUS["/mistral-api-prices"].truth["tiers"]
    assert {t.name: t.price_usd for t in facts.pricing.tiers} == {t["name"]: t["price_usd"] for t in want}
    facts, _ = _extract(site, "/table", tmp_path)  # a long table: the column's header, however far above
    tiers = {t.name: t.price_usd for t in facts.pricing.tiers}
    assert tiers == {"Kestrel Large": 2.0, "Kestrel Medium": 1.0, "Kestrel Small": 0.4, "Kestrel Mini": 0.2,
                     "Kestrel Nano": 0.1, "Kestrel Edge": 0.05, "Kestrel Tiny": 0.03, "Kestrel Micro": 0.02}


def test_text_in_other_type_is_another_line(site, tmp_path):
    facts, screens = _extract(site, "/gemini-api-prices", tmp_path)  # <h2>Gemini 2.5 Pro<code>gemini-2.5-pro</code>
    texts = [ln.text for ln in screens[0].lines]
    assert "Gemini 2.5 Pro" in texts and "gemini-2.5-pro" in texts
    named = {t.name: t.price_usd for t in facts.pricing.tiers}
    assert all(named.get(t["name"]) == t["price_usd"] for t in CORPUS["/gemini-api-prices"].truth["tiers"])


def test_words_without_dom_signals_group_as_before():
    words = [("$25", 10, 10, 40, 30), ("month", 54, 10, 100, 30), ("Docs", 200, 10, 240, 30)]
    assert [(ln.text, ln.dom) for ln in lines_of(words, 1.0, "a.png")] == [("$25 month", None), ("Docs", None)]
