"""A captured page on disk: the PNG (kept like any screenshot, its URL and capture time in its text chunks) and,
beside it, `<name>.capture.json` with the page's text lines, their boxes and its metadata.

Reading a screenshot that has a sidecar whose hash matches the PNG's bytes gives a Screen whose lines are the
page's own text; a sidecar for other bytes (the PNG was edited or replaced) is ignored and OCR reads the pixels.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
from dataclasses import asdict
from pathlib import Path

from ..datamodel import Captured, LoadedImage, OcrLine, PageMeta, Screen
from ..files import atomic_write
from ..sanitize import printable
from .dom import dom_of_row, dom_row

log = logging.getLogger(__name__)

SUFFIX = ".capture.json"
VERSION = 1
MAX_BYTES = 16 * 2**20
MIN_LINES = 3  # a page whose text is nearly all pixels (a canvas, an image of text) is read by OCR instead


def sidecar_of(png: Path) -> Path:
    return png.with_name(png.stem + SUFFIX)


def png_bytes(png: bytes, captured: Captured) -> bytes:
    """The screenshot with its URL and capture time in PNG text chunks (any viewer shows where it came from)."""
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("URL", captured.url)
    info.add_text("Creation Time", captured.captured_at)
    info.add_text("Software", "shipcard capture")
    out = io.BytesIO()
    with Image.open(io.BytesIO(png)) as image:
        image.save(out, format="PNG", pnginfo=info, optimize=False)
    return out.getvalue()


def write(png_path: Path, png: bytes, lines: list[OcrLine], captured: Captured, scale: float) -> None:
    """The sidecar of `png` (the exact bytes written to `png_path`), whole or not at all."""
    doc = {"version": VERSION, "png_sha256": hashlib.sha256(png).hexdigest(), "scale": scale,
           "url": captured.url, "captured_at": captured.captured_at, "cut_at": captured.cut_at,
           "full_height": captured.full_height, "banner": captured.banner, "meta": asdict(captured.meta),
           "lines": [[ln.text, *(round(v, 1) for v in ln.box), *dom_row(ln.dom)] for ln in lines]}
    atomic_write(sidecar_of(png_path), json.dumps(doc, ensure_ascii=False))


def screen_of(loaded: LoadedImage) -> Screen | None:
    """The captured page's Screen (its text as lines, its metadata) when `loaded` has a matching sidecar."""
    if loaded.path is None:
        return None
    path = sidecar_of(loaded.path)
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return None
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("version") != VERSION or doc.get("png_sha256") != loaded.sha256:
            log.warning("%s: its capture text is for other bytes; reading the pixels instead.", printable(loaded.name))
            return None
        lines = [OcrLine(text=printable(str(t))[:500], box=(float(a), float(b), float(c), float(d)), confidence=1.0,
                         image=loaded.name, dom=dom_of_row(rest)) for t, a, b, c, d, *rest in doc["lines"][:20000]]
        captured = _captured(doc)
    except (OSError, ValueError, TypeError, KeyError):
        log.warning("%s: its capture text is unreadable; reading the pixels instead.", printable(loaded.name))
        return None
    if len(lines) < MIN_LINES:
        from ..ocr import read

        return Screen(loaded=loaded, lines=read(loaded).lines, capture=captured)
    return Screen(loaded=loaded, lines=lines, capture=captured)


def _offer(raw: list) -> tuple[str | None, str | None, str | None]:
    name, price, currency = (None if x is None else str(x) for x in [*raw, None, None, None][:3])
    return name, price, currency


def _captured(doc: dict) -> Captured:
    raw = doc.get("meta") or {}
    meta = PageMeta(**{k: (str(v) if v is not None else None) for k, v in raw.items() if k != "offers"
                       and k in PageMeta.__dataclass_fields__},
                    offers=tuple(_offer(o) for o in raw.get("offers") or []))
    cut = doc.get("cut_at")
    return Captured(url=str(doc["url"]), captured_at=str(doc["captured_at"]), meta=meta,
                    cut_at=int(cut) if cut is not None else None, full_height=int(doc.get("full_height") or 0),
                    banner=doc.get("banner") if doc.get("banner") in ("dismissed", "covers") else None)
