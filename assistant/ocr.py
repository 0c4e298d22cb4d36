"""Read the text of a screenshot with RapidOCR on ONNX Runtime (models ship inside its wheel)."""

from __future__ import annotations

import functools
import logging
import os
import re
import time

from .datamodel import Box, LoadedImage, OcrLine, Screen
from .sanitize import printable

log = logging.getLogger(__name__)

# Screenshots are upright rendered text: the angle classifier changes nothing and costs a pass.
# Detection runs at up to 960 px on the long side: on the labeled set it finds the same lines as
# at full size (114/114 fields) for three quarters of the detection cost. Tall pages are read in
# horizontal bands so small print keeps its size. ONNX Runtime's memory arena
# is on: RapidOCR turns it off by default, which costs an allocation per call.
TUNED_PARAMS = {
    "Global.log_level": "warning",
    "Global.use_cls": False,
    "Det.limit_type": "max",
    "Det.limit_side_len": 960,
    "EngineConfig.onnxruntime.enable_cpu_mem_arena": True,
}
DEFAULT_PARAMS = {"Global.log_level": "warning"}
BAND_HEIGHT = 1280  # px of page height read per detection pass on tall screenshots

# Budgets (README, "Budgets"): a page over OCR_MAX_PIXELS is read downscaled to it (a 2x capture up to
# 16 MP reads at full size), a page stops at OCR_MAX_LINES lines or after OCR_BUDGET_S seconds; each says so in
# one line. Before them, a 38 MP all-text page took 211 s and 2.1 GB.
OCR_MAX_PIXELS = 16_000_000
OCR_MAX_LINES = 3000
OCR_BUDGET_S = 90.0


_THREADS: int | None = None  # ONNX Runtime threads of this process's OCR engine; None: every core (`start`)


def start(threads: int | None = None) -> None:
    """Build this process's OCR engine now, with `threads` ONNX Runtime threads (None: every core).

    A batch divides the cores among its worker processes (assistant/batch/work.py) and says so here.
    """
    global _THREADS
    if threads != _THREADS:
        _THREADS = threads
        _engine.cache_clear()
    _engine(True)


@functools.lru_cache(maxsize=2)
def _engine(tuned: bool):
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    from rapidocr import RapidOCR

    params = dict(TUNED_PARAMS if tuned else DEFAULT_PARAMS)
    params["EngineConfig.onnxruntime.intra_op_num_threads"] = _THREADS or os.cpu_count() or 1
    return RapidOCR(params=params)


def read(loaded: LoadedImage, tuned: bool = True) -> Screen:
    """OCR one screenshot into lines in reading order (top to bottom, then left to right), within the budgets."""
    import numpy as np

    engine = _engine(tuned)
    scale, pixels = _scale(loaded)
    # RapidOCR takes BGR; a contiguous copy reads ~20% faster than the reversed view (measured).
    image = np.ascontiguousarray(np.asarray(pixels)[:, :, ::-1])
    lines: list[OcrLine] = []
    started = time.monotonic()
    for top, band in _bands(image, tuned):
        if _over_budget(loaded.name, lines, started, top / scale):
            break
        for quad, text, score in _detect(engine, band, loaded.name):
            xs = [float(p[0]) / scale for p in quad]
            ys = [(float(p[1]) + top) / scale for p in quad]
            box = (min(xs), min(ys), max(xs), max(ys))
            lines.append(OcrLine(text=fix_confusions(text.strip()), box=box, confidence=float(score), image=loaded.name))
    return Screen(loaded=loaded, lines=_reading_order(_dedupe(lines))[:OCR_MAX_LINES])


def _scale(loaded: LoadedImage):
    """(scale, image): the page itself, or a copy downscaled to OCR_MAX_PIXELS (boxes are mapped back)."""
    w, h = loaded.image.size
    if w * h <= OCR_MAX_PIXELS:
        return 1.0, loaded.image
    scale = (OCR_MAX_PIXELS / (w * h)) ** 0.5
    log.warning("%s: %dx%d is over the OCR budget of %d MP; read at %.2fx.", printable(loaded.name), w, h,
                OCR_MAX_PIXELS // 1_000_000, scale)
    return scale, loaded.image.resize((max(1, round(w * scale)), max(1, round(h * scale))))


REREAD_SCALE = 2.0  # a name's box is read again at twice its size: small or thin type reads better larger


def read_box(loaded: LoadedImage, box: tuple[float, float, float, float]) -> OcrLine | None:
    """Read one box of a screenshot again, enlarged (with a margin of half its height): the best line found in it,
    in page coordinates; None when nothing is read there."""
    import numpy as np
    from PIL import Image

    x0, y0, x1, y1 = box
    pad = 0.5 * (y1 - y0)
    crop_box = (max(0, int(x0 - pad)), max(0, int(y0 - pad)), min(loaded.image.width, int(x1 + pad)),
                min(loaded.image.height, int(y1 + pad)))
    if crop_box[2] - crop_box[0] < 4 or crop_box[3] - crop_box[1] < 4:
        return None
    crop = loaded.image.crop(crop_box)
    crop = crop.resize((int(crop.width * REREAD_SCALE), int(crop.height * REREAD_SCALE)), Image.Resampling.LANCZOS)
    found = _detect(_engine(True), np.ascontiguousarray(np.asarray(crop.convert("RGB"))[:, :, ::-1]), loaded.name)
    if not found:
        return None
    _, text, score = max(found, key=lambda f: float(f[2]) * len(str(f[1])))
    return OcrLine(text=printable(fix_confusions(str(text))), box=box, confidence=float(score), image=loaded.name)


def _over_budget(name: str, lines: list[OcrLine], started: float, top: float) -> bool:
    """True (and one line saying which budget) once a page has its most lines or its most seconds."""
    if len(lines) >= OCR_MAX_LINES:
        why = f"the OCR budget of {OCR_MAX_LINES} lines"
    elif time.monotonic() - started > OCR_BUDGET_S:
        why = f"the OCR budget of {OCR_BUDGET_S:g} s"
    else:
        return False
    log.warning("%s: read down to %d px, where it reached %s.", printable(name), top, why)
    return True


def _detect(engine, band, name: str) -> list:
    """(quad, text, score) of each line RapidOCR finds in one band; a band it cannot size (a 20000x20 strip) has none."""
    try:
        result = engine(band)
    except Exception as exc:
        log.warning("%s: a %dx%d part of the page could not be read (%s).", printable(name), band.shape[1],
                    band.shape[0], type(exc).__name__)
        return []
    if result.txts is None:
        return []
    return list(zip(result.boxes, result.txts, result.scores, strict=False))


# The recognizer reads a capital I as a lowercase l next to A/P: 'Al', 'APl'. On product pages
# these are nearly always 'AI' and 'API'.
_CONFUSIONS = [(re.compile(r"\bAl\b"), "AI"), (re.compile(r"\bAPl\b"), "API"), (re.compile(r"\bAl-"), "AI-")]


def fix_confusions(text: str) -> str:
    for pattern, repl in _CONFUSIONS:
        text = pattern.sub(repl, text)
    return text


def _bands(image, tuned: bool):
    """Whole image, or overlapping horizontal bands of a tall page so text keeps its pixel size."""
    height = image.shape[0]
    if not tuned or height <= BAND_HEIGHT * 1.25:
        yield 0, image
        return
    overlap = 96
    top = 0
    while top < height:
        bottom = min(height, top + BAND_HEIGHT)
        yield top, image[top:bottom]
        if bottom == height:
            break
        top = bottom - overlap


def _dedupe(lines: list[OcrLine]) -> list[OcrLine]:
    """Drop lines read twice in the overlap of two bands (same text, overlapping boxes)."""
    kept: list[OcrLine] = []
    for line in lines:
        if any(k.text == line.text and _overlaps(k.box, line.box) for k in kept):
            continue
        kept.append(line)
    return kept


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _reading_order(lines: list[OcrLine]) -> list[OcrLine]:
    """Group lines whose vertical centres are within half a line height into rows, rows top-down."""
    ordered = sorted(lines, key=lambda ln: (ln.box[1] + ln.box[3]) / 2)
    rows: list[list[OcrLine]] = []
    for line in ordered:
        centre = (line.box[1] + line.box[3]) / 2
        if rows:
            last = rows[-1][0]
            last_centre = (last.box[1] + last.box[3]) / 2
            if abs(centre - last_centre) < min(line.height, last.height) / 2:
                rows[-1].append(line)
                continue
        rows.append([line])
    return [line for row in rows for line in sorted(row, key=lambda ln: ln.box[0])]
