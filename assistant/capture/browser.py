"""Capture a URL with headless Chromium through Playwright: the screenshot, its text with boxes, its metadata.

The browser starts with a fresh temporary profile (no cookies, no history of the person's), downloads refused,
service workers blocked, every request checked (`netguard.py`). Playwright is imported here only, so the rest of
shipcard runs without it.
"""

from __future__ import annotations

import re
import shutil
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..datamodel import Captured, OcrLine
from ..errors import MissingDependencyError
from ..sanitize import printable
from . import dom
from .netguard import CaptureError, GuardProxy, Refused, Verdicts, check_url

FOLLOWABLE = ("pricing", "features")
# Chromium switches: no calls home of its own (updates, sync, pings, translation), no scrollbars in the screenshot
QUIET = ("disable-background-networking", "disable-component-update", "disable-sync", "no-pings",
         "disable-domain-reliability", "no-first-run", "hide-scrollbars",
         "disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication")


class CaptureOptions(BaseModel):
    """How a page is captured; the CLI's capture flags set these."""

    model_config = ConfigDict(extra="forbid")

    width: int = Field(1280, ge=320, le=3840, description="Viewport width, CSS px.")
    height: int = Field(800, ge=240, le=4000, description="Viewport height, CSS px (the first screen).")
    scale: float = Field(1.0, ge=1.0, le=3.0, description="Device scale factor.")
    max_height: int = Field(8000, ge=800, le=20000, description="The capture stops this many CSS px down the page.")
    timeout_s: float = Field(30.0, gt=0, le=600, description="Deadline for one page: load, settle and screenshot.")
    javascript: bool = Field(True, description="Run the page's scripts.")
    allow_local: bool = Field(False, description="Let the browser reach loopback, link-local and private addresses.")
    follow: tuple[str, ...] = Field((), description="Links to capture too: pricing, features.")


@dataclass
class Shot:
    """One captured page, in memory until every page of the run is captured (nothing is saved half-way)."""

    png: bytes
    lines: list[OcrLine]
    captured: Captured
    scale: float
    links: dict[str, str] = field(default_factory=dict)  # 'pricing' -> URL found on the page


def chromium_path() -> str | None:
    """Chromium the person already has (Debian's `chromium`, or Chrome); None: Playwright's own download, if any."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


# Consent banners: a fixed or sticky box near an edge whose text speaks of cookies or consent. A reject button is
# pressed first (nothing is consented to), else accept; the result is 'dismissed', 'covers' or None.
BANNER_JS = """(press) => {
  const words = /cookie|consent|gdpr|privacy settings|tracking/i;
  const boxes = Array.from(document.querySelectorAll('body *')).filter(el => {
    const st = getComputedStyle(el);
    if (st.position !== 'fixed' && st.position !== 'sticky') return false;
    const r = el.getBoundingClientRect();
    return r.width > 100 && r.height > 20 && el.checkVisibility() && words.test(el.innerText || '');
  });
  if (!boxes.length) return null;
  if (!press) return 'covers';
  const order = [/^(reject|decline|refuse)( all)?$|necessary only|essential only/i, /^(accept|agree|allow|ok|got it)/i];
  for (const pattern of order) for (const box of boxes) {
    const b = Array.from(box.querySelectorAll('button, a, [role=button], input[type=button]'))
                   .find(b => pattern.test((b.innerText || b.value || '').trim()));
    if (b) { b.click(); return 'pressed'; }
  }
  return 'covers';
}"""

# A sign-in form where the product page should be: a visible password field on a page with little else to read.
LOGIN_JS = """() => {
  const pw = Array.from(document.querySelectorAll('input[type=password]')).some(i => i.checkVisibility());
  const words = (document.body ? document.body.innerText : '').split(/\\s+/).filter(Boolean).length;
  return pw && (words < 200 || /log-?in|sign-?in|auth|sso|session/i.test(location.pathname));
}"""

# Links worth a second capture: the first same-site link whose text or path says pricing (or features).
LINKS_JS = """(kinds) => {
  const found = {};
  for (const a of document.querySelectorAll('a[href]')) {
    let url; try { url = new URL(a.getAttribute('href'), location.href); } catch (e) { continue; }
    if (!/^https?:$/.test(url.protocol) || url.href.split('#')[0] === location.href.split('#')[0]) continue;
    const said = ((a.innerText || '') + ' ' + url.pathname).toLowerCase();
    for (const kind of kinds) {
      const same = url.host === location.host;
      if (said.includes(kind) && (!found[kind] || (same && !found[kind].same))) found[kind] = {href: url.href, same};
    }
  }
  return Object.fromEntries(Object.entries(found).map(([k, v]) => [k, v.href]));
}"""

# how Chromium reports a request the proxy or the route handler refused
BLOCKED = ("ERR_HTTP_RESPONSE_CODE_FAILURE", "ERR_TUNNEL_CONNECTION_FAILED", "ERR_BLOCKED_BY_CLIENT",
           "ERR_PROXY_CONNECTION_FAILED")
HEIGHT_JS = "() => Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)"


class Browser:
    """One headless Chromium for a run's captures; each URL gets a fresh context (no cookie from one reaches the
    next). `with Browser(options) as b: shots = b.capture(url)`."""

    def __init__(self, options: CaptureOptions, verdicts: Verdicts | None = None):
        self.options = options
        self.verdicts = verdicts or Verdicts(options.allow_local)
        self._browser: Any = None
        self._pw: Any = None
        self._proxy: GuardProxy | None = None
        self._refused: CaptureError | None = None  # this page's own navigation, refused by the route handler
        self._mark = 0  # refusals before this page's

    def __enter__(self) -> Browser:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            raise MissingDependencyError("playwright", "capture") from None
        self._proxy = GuardProxy(self.verdicts, self.options.timeout_s).__enter__()
        self._pw = sync_playwright().start()
        try:
            self._browser = self._pw.chromium.launch(
                executable_path=chromium_path(), headless=True,
                proxy={"server": self._proxy.address, "bypass": "<-loopback>"},  # loopback goes through it too
                args=[f"--{switch}" for switch in QUIET])
        except Exception as exc:
            self.__exit__()
            raise CaptureError(f"Chromium would not start ({_first_line(exc)}).",
                               "Install Chromium (apt install chromium), or run: playwright install chromium") from None
        return self

    def __exit__(self, *exc: object) -> None:
        browser, pw, proxy = self._browser, self._pw, self._proxy
        self._browser = self._pw = self._proxy = None
        if browser is not None:
            browser.close()
        if pw is not None:
            pw.stop()
        if proxy is not None:
            proxy.__exit__()

    def capture(self, url: str) -> list[Shot]:
        """The page at `url`, then each page `options.follow` names that the page links to."""
        o = self.options
        context = self._browser.new_context(
            viewport={"width": o.width, "height": o.height}, device_scale_factor=o.scale, java_script_enabled=o.javascript,
            accept_downloads=False, service_workers="block", ignore_https_errors=False)
        try:
            context.route("**/*", self._route)
            context.route_web_socket("**/*", self._socket)
            shots = [self._shot(context, url)]
            for kind in o.follow:
                link = shots[0].links.get(kind)
                if link:
                    shots.append(self._shot(context, link))
            return shots
        finally:
            context.close()

    def _route(self, route: Any) -> None:
        """Every request the page makes: refused unless its host is allowed; a refused navigation of the page itself
        (a redirect hop) is remembered as the capture's error."""
        refused = self.verdicts.refusal(route.request.url)
        if refused is None:
            route.continue_()
            return
        try:
            if route.request.is_navigation_request() and route.request.frame.parent_frame is None:
                self._refused = refused
        except Exception:  # a request with no frame (a worker's): refused all the same
            pass
        route.abort("blockedbyclient")

    def _socket(self, ws: Any) -> None:
        if self.verdicts.refusal(re.sub(r"^ws", "http", ws.url)) is None:
            ws.connect_to_server()
        else:
            ws.close()

    def _shot(self, context: Any, url: str) -> Shot:
        o = self.options
        _, host, port = check_url(url)
        self.verdicts.address(host, port)  # the first hop, refused before the browser sees it
        deadline = time.monotonic() + o.timeout_s
        self._refused, self._mark = None, len(self.verdicts.refused)
        page = context.new_page()
        try:
            self._load(page, url, deadline)
            banner = self._banner(page)
            if page.evaluate(LOGIN_JS):
                raise CaptureError(f"{printable(url)} shows a sign-in form, not a public page.",
                                   "Sign in in your own browser, take the screenshot there and pass the file.")
            full = int(page.evaluate(HEIGHT_JS))
            height = min(max(full, o.height), o.max_height)
            words = page.evaluate(dom.WORDS_JS)
            meta = dom.meta_of(page.evaluate(dom.META_JS))
            links = page.evaluate(LINKS_JS, list(FOLLOWABLE))
            png = page.screenshot(full_page=True, clip={"x": 0, "y": 0, "width": o.width, "height": height},
                                  type="png", timeout=_left_ms(deadline, url, o.timeout_s), animations="disabled")
            final = page.url
        except CaptureError:
            raise
        except Exception as exc:
            raise self._why(exc, url, o.timeout_s) from None
        finally:
            page.close()
        captured = Captured(url=final, captured_at=datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), meta=meta,
                            cut_at=o.max_height if full > o.max_height else None, full_height=full, banner=banner)
        return Shot(png=png, lines=dom.lines_of(map(tuple, words), o.scale, "", bottom=height, right=o.width),
                    captured=captured,
                    scale=o.scale, links=links)

    def _load(self, page: Any, url: str, deadline: float) -> None:
        response = page.goto(url, wait_until="load", timeout=_left_ms(deadline, url, self.options.timeout_s))
        if response is not None and response.status in (401, 407):
            raise CaptureError(f"{printable(url)} asks to sign in (HTTP {response.status}).",
                               "Sign in in your own browser, take the screenshot there and pass the file.")
        if response is not None and response.status == 403 and len(self.verdicts.refused) > self._mark:
            raise self.verdicts.refused[self._mark]  # the proxy refused a hop on the way
        if response is not None and response.status >= 400:
            raise CaptureError(f"{printable(url)} answered HTTP {response.status}.", "Check the address.")
        if not page.url.startswith(("http://", "https://")):
            raise CaptureError(f"{printable(url)} led to {printable(page.url)[:80]}, not an http(s) page.",
                               "Pass the page's own http(s) address.")

    def _banner(self, page: Any) -> str | None:
        """Press a consent banner's reject (else accept) button; 'covers' when one is still over the page."""
        found = page.evaluate(BANNER_JS, True)
        if found != "pressed":
            return found
        page.wait_for_timeout(300)  # the banner's own script hides it
        return "covers" if page.evaluate(BANNER_JS, False) else "dismissed"

    def _why(self, exc: Exception, url: str, timeout_s: float) -> CaptureError:
        """The browser's error as one line a person can act on."""
        text = str(exc)
        if self._refused is not None:
            return self._refused
        if any(code in text for code in BLOCKED) and len(self.verdicts.refused) > self._mark:
            return self.verdicts.refused[self._mark]  # a hop the proxy refused (the route handler sees no redirects)
        if "ERR_TOO_MANY_REDIRECTS" in text:
            return CaptureError(f"{printable(url)} redirects in a loop.", "Open it in your browser to find the page's "
                                "real address.")
        if "Timeout" in type(exc).__name__ or "Timeout" in text[:200]:
            return CaptureError(f"{printable(url)} did not finish loading within {timeout_s:g} s.",
                                "Try again, raise --capture-timeout, or take the screenshot yourself.")
        if "Download is starting" in text:
            return CaptureError(f"{printable(url)} is a file download, not a page.", "Pass the address of a web page.")
        net = re.search(r"net::ERR_[A-Z_]+", text)
        return CaptureError(f"{printable(url)} could not be loaded ({net.group(0) if net else _first_line(exc)}).",
                            "Check the address and your network connection.")


def _left_ms(deadline: float, url: str, timeout_s: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise CaptureError(f"{printable(url)} did not finish loading within {timeout_s:g} s.",
                           "Try again, raise --capture-timeout, or take the screenshot yourself.")
    return left * 1000


def _first_line(exc: BaseException) -> str:
    return printable(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)[:160]


__all__ = ["FOLLOWABLE", "Browser", "CaptureOptions", "Refused", "Shot", "chromium_path"]
