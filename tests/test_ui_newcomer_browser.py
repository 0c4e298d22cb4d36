"""What a newcomer meets in the UI (issue 25), in Chromium on the real Gradio server: the first-run notice, the
button that says Verdict for one product and Compare for more, no empty panels under the card, and a Fix that asks
before an emptied value clears a field. One verdict card, so it stays quick.
"""

from __future__ import annotations

import pytest
from conftest import EXAMPLES
from test_ui_browser import CHROMIUM_ARGS, chromium, server  # noqa: F401 (fixtures: this module's own server)

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(180)]

LUMEN, KESTREL = EXAMPLES / "lumen-notes/landing.png", EXAMPLES / "kestrel-coder/landing.png"


@pytest.fixture(scope="module")
def page(server, chromium):  # noqa: F811 (the imported fixtures, requested)
    sync_api = pytest.importorskip("playwright.sync_api")
    from ui import actions

    actions._cards_made = 0  # as in a process that has made no card yet (another module's test may have made one)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(server)
        yield page
        browser.close()


def _upload(page, slot: int, shot) -> None:
    page.locator(f"#shipcard-upload-{slot} input[type=file]").set_input_files(str(shot))
    page.locator(f"#shipcard-upload-{slot}").get_by_text(shot.name).first.wait_for(timeout=60_000)


def test_first_run_label_panels_and_an_emptied_fix(page):
    notice = page.locator("#shipcard-notice")
    notice.get_by_text("First card since the UI started").wait_for(timeout=20_000)
    button = page.locator("#shipcard-compare")
    assert button.inner_text() == "Compare"

    _upload(page, 1, LUMEN)
    page.get_by_role("button", name="Verdict", exact=True).wait_for(timeout=10_000)
    _upload(page, 2, KESTREL)
    page.get_by_role("button", name="Compare", exact=True).wait_for(timeout=10_000)
    page.locator("#shipcard-upload-2").get_by_role("button", name="Clear").click()
    page.get_by_role("button", name="Verdict", exact=True).wait_for(timeout=10_000)
    button.click()
    page.get_by_text("first run, loading the models").first.wait_for(timeout=20_000)  # the progress says why

    card = page.frame_locator("iframe.shipcard-card")
    card.locator(".scorecard").first.wait_for(timeout=90_000)
    notice.wait_for(state="hidden", timeout=10_000)  # the models are loaded: the notice is gone
    for empty in ("#shipcard-evidence-image", "#shipcard-chat"):  # nothing picked, nothing asked: not drawn
        assert page.locator(empty).is_hidden(), empty

    _empty_fix_asks_first(page, card)


def _empty_fix_asks_first(page, card) -> None:
    before = card.locator("body").inner_text()
    page.get_by_text("Fix a field the card got wrong").click()
    page.locator("#shipcard-fix-product").get_by_label("Lumen Notes").check()
    page.locator("#shipcard-fix-field input").click()
    page.get_by_role("option", name="tagline", exact=True).click()
    page.locator("#shipcard-fix-value textarea").fill("")
    page.locator("#shipcard-fix").click()
    confirm = page.locator("#shipcard-fix-clear")
    page.get_by_text("removes Lumen Notes's tagline").wait_for(timeout=10_000)
    assert card.locator("body").inner_text() == before  # nothing cleared yet
    page.locator("#shipcard-fix-keep").click()
    confirm.wait_for(state="hidden", timeout=10_000)
    assert card.locator("body").inner_text() == before

    page.locator("#shipcard-fix").click()
    page.locator("#shipcard-fix-clear").click()
    page.get_by_text("tagline set by you").first.wait_for(timeout=20_000)
    confirm.wait_for(state="hidden", timeout=10_000)
