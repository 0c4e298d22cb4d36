"""A URL in, a screenshot out: capture a web page with headless Chromium, then read it like any screenshot.

    resolve([["https://a.example"], ["shot.png"]], folder, CaptureOptions())  ->  [["folder/a.example-....png"], ...]

Each URL becomes a PNG in `folder` (with its URL and capture time) and a sidecar of its visible text with boxes and
its metadata (`sidecar.py`); `pipeline` reads the sidecar's lines in place of OCR. Every page of the run is captured
before any file is written: a URL that fails leaves nothing behind. Safety rules: `netguard.py`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .netguard import CaptureError, Refused, Verdicts, check_url

if TYPE_CHECKING:
    from .browser import CaptureOptions, Shot

URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def is_url(item: object) -> bool:
    """Whether an input is a URL (any scheme: a file:// or ftp:// one is refused by name, not read as a path)."""
    return isinstance(item, str) and bool(URL.match(item.strip()))


def resolve(products: Sequence[Sequence[str | Path]], folder: Path, options: CaptureOptions | None = None,
            verdicts: Verdicts | None = None) -> list[list[str | Path]]:
    """Each product's inputs with every URL replaced by its captured screenshots (landing, then followed pages)."""
    urls = [str(i).strip() for inputs in products for i in inputs if is_url(i)]
    if not urls:
        return [list(inputs) for inputs in products]
    for item in (i for inputs in products for i in inputs if not is_url(i)):
        _must_exist(item)  # a missing file fails before any page is captured (and saved)
    from .browser import CaptureOptions

    options = options or CaptureOptions()
    verdicts = verdicts or Verdicts(options.allow_local)
    for url in urls:  # a bad scheme or a refused host fails before a browser starts
        _, host, port = check_url(url)
        verdicts.address(host, port)
    shots = capture_all(urls, options, verdicts)
    saved = {url: save(pages, folder) for url, pages in shots.items()}
    return [[p for i in inputs for p in (saved[str(i).strip()] if is_url(i) else [i])] for inputs in products]


def _must_exist(item: str | Path) -> None:
    from ..errors import BadInputError
    from ..images import IMAGE_SUFFIXES
    from ..sanitize import printable

    if not Path(item).exists():
        web = re.fullmatch(r"(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:/\S*)?", str(item), re.IGNORECASE) and \
            Path(item).suffix.lower() not in IMAGE_SUFFIXES
        raise BadInputError(f"{printable(item)}: no such file.",
                            f"For the web page, pass https://{printable(item)}" if web else
                            "Check the path, or pass a folder of screenshots.")


def capture_all(urls: Sequence[str], options: CaptureOptions | None = None, verdicts: Verdicts | None = None,
                ) -> dict[str, list[Shot]]:
    """Every URL's pages, in memory; one browser for all of them."""
    from .browser import Browser, CaptureOptions

    with Browser(options or CaptureOptions(), verdicts) as browser:
        return {url: browser.capture(url) for url in dict.fromkeys(urls)}


def save(shots: Sequence[Shot], folder: Path) -> list[str | Path]:
    """Write each page's PNG and sidecar into `folder`; returns the PNG paths."""
    from urllib.parse import urlsplit

    from ..files import atomic_write
    from . import sidecar

    paths: list[str | Path] = []
    for i, shot in enumerate(shots):
        host = re.sub(r"[^a-z0-9.-]+", "-", (urlsplit(shot.captured.url).hostname or "page").lower())[:60]
        stamp = re.sub(r"[^0-9]", "", shot.captured.captured_at)[:14]
        tag = hashlib.sha256(f"{shot.captured.url} {i}".encode()).hexdigest()[:6]  # two pages of one host, one second
        png = folder / f"{host}-{stamp}-{tag}.png"
        data = sidecar.png_bytes(shot.png, shot.captured)
        sidecar.write(png, data, shot.lines, shot.captured, shot.scale)  # the sidecar first: a PNG never lacks it
        atomic_write(png, data)
        paths.append(png)
    return paths


__all__ = ["CaptureError", "Refused", "Verdicts", "capture_all", "is_url", "resolve", "save"]
