"""The real UI server, driven by Chromium: upload, compare, read the card, ask, see the evidence.

Needs the `ui` and `test` extras and a Chromium binary (Debian's /usr/bin/chromium, or
SHIPCARD_CHROMIUM); skipped otherwise. Offline: the server binds 127.0.0.1 and the browser
has its network features off. Run with: pytest -m browser tests/test_ui_browser.py
"""

from __future__ import annotations

import os
import re
import socket
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, require_tool

from assistant.datamodel import Comparison

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(180)]

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SCREENSHOTS = [EXAMPLES / "lumen-notes/landing.png", EXAMPLES / "kestrel-coder/landing.png"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chromium() -> str:
    return require_tool("chromium")  # CI on Linux installs Chromium: there a missing browser is a failure, not a skip


@pytest.fixture(scope="module")
def server(tmp_path_factory, chromium):
    pytest.importorskip("gradio")
    env = {"SHIPCARD_HOME": str(tmp_path_factory.mktemp("home")), "GRADIO_ANALYTICS_ENABLED": "False",
           "ANTHROPIC_API_KEY": ""}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    from ui.app import build_app, launch

    demo = build_app("ocr")
    _, url, _ = launch(demo, "127.0.0.1", _free_port(), block=False)
    yield url
    demo.close()
    for k, v in saved.items():
        os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)


@pytest.fixture(scope="module")
def page(server, chromium):
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(server)
        yield page
        browser.close()


def test_compare_ask_and_see_evidence(page):
    started = time.monotonic()
    for i, shot in enumerate(SCREENSHOTS, 1):
        page.locator(f"#shipcard-upload-{i} input[type=file]").set_input_files(str(shot))
        page.locator(f"#shipcard-upload-{i}").get_by_text(shot.name).first.wait_for(timeout=60_000)
    page.locator("#shipcard-compare").click()

    card = page.frame_locator("iframe.shipcard-card")
    card.locator(".scorecard").nth(1).wait_for(timeout=90_000)
    text = card.locator("body").inner_text()
    assert "Lumen Notes" in text and "Kestrel Coder" in text
    scores = card.locator(".scorecard .score").all_inner_texts()  # 4 reviewers x 2 products
    assert len(scores) == 8 and all(re.fullmatch(r"\d{1,3}/100", s) for s in scores), scores
    compared = time.monotonic()

    page.locator("#shipcard-question textarea").fill("Which one is cheaper to start with?")
    page.locator("#shipcard-ask").click()
    page.locator("#shipcard-chat").get_by_text("Answered by").wait_for(timeout=60_000)

    page.locator("#shipcard-evidence-pick input").click()
    page.get_by_role("option", name="Lumen Notes · name").click()
    page.locator("#shipcard-evidence-image img").wait_for(timeout=60_000)
    assert page.locator("#shipcard-evidence-image img").evaluate("img => img.naturalWidth") > 100

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui.png"), full_page=True)
    _vote_download_and_history(page)
    _fix_a_field(page)
    print(f"compare {compared - started:.1f}s, the rest {time.monotonic() - compared:.1f}s")


def _vote_download_and_history(page):
    """Same test, same SHIPCARD_HOME (conftest gives each test its own): the card was saved there."""
    page.get_by_role("button", name="▲ Ship it").click()
    page.frame_locator("iframe.shipcard-card").get_by_text("1 up / 0 down").first.wait_for(timeout=60_000)
    with page.expect_download(timeout=60_000) as got:
        page.locator("#shipcard-download-json").click()
    saved = Comparison.model_validate_json(Path(got.value.path()).read_text())
    assert saved.products[0].community.up == 1 and got.value.suggested_filename.endswith(".json")
    assert page.locator("#shipcard-escalate").is_disabled()

    page.get_by_role("tab", name="History").click()
    page.get_by_text("1 saved comparison.").wait_for(timeout=60_000)
    page.get_by_label("Card id").fill(str(saved.id))
    page.get_by_role("button", name="Open in the Compare tab").click()
    page.get_by_role("tab", name="Compare").click()
    page.locator("#shipcard-chat").get_by_text("Which one is cheaper to start with?").wait_for(timeout=60_000)


def _fix_a_field(page):
    """On the reopened card: a person sets Lumen Notes' tiers; the card shows them, marked as a person's."""
    card = page.frame_locator("iframe.shipcard-card")
    page.get_by_text("Fix a field the card got wrong").click()
    page.locator("#shipcard-fix-product").get_by_label("Lumen Notes").check()
    page.locator("#shipcard-fix-field input").click()
    page.get_by_role("option", name="tiers", exact=True).click()
    page.locator("#shipcard-fix-value textarea").fill("Free=$0, Pro=$20/mo")
    page.locator("#shipcard-fix").click()
    card.get_by_text("Set by a person (no evidence on the page)").wait_for(timeout=60_000)
    assert "$20" in card.locator("body").inner_text()
