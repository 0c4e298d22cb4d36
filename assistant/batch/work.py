"""The worker side of a batch: one engine per process, one card per job, nothing written.

A worker (a pool process, a Ray task's process, or the driver itself at --concurrency 1) builds its
engine once (`start`), then turns each `Job` into a `Made`: the card as JSON and the OCR lines of each
screenshot, or the row's one-line error. Only the driver writes card files and the history.
"""

from __future__ import annotations

import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ShipcardError

_ENGINE = None  # this process's engine, built once by `start`


@dataclass
class Job:
    key: str
    id: str
    products: list[list[Path]]  # image files per product (local runs)
    images: list[list[tuple[str, bytes]]] | None = None  # (name, bytes) per product instead (other machines)


@dataclass
class Made:
    key: str
    id: str
    comparison: str | None = None  # Comparison JSON
    lines: list[list[list]] | None = None  # per product, per screenshot: its OcrLines
    error: str | None = None
    seconds: float = 0.0
    screens: list | None = field(default=None, repr=False)  # the Screens themselves, in the driver's process only


def start(backend: str, options: dict, ocr_threads: int | None = None) -> None:
    """Build this process's engine (and the OCR engine) once, with `ocr_threads` ONNX Runtime threads."""
    global _ENGINE
    from .. import ocr
    from ..backends import choose

    _ENGINE = choose(backend, options)
    ocr.start(ocr_threads)


def use(engine) -> None:
    """Work with an engine already built (the driver's own, at --concurrency 1)."""
    global _ENGINE
    _ENGINE = engine


def started() -> bool:
    return _ENGINE is not None


def make(job: Job, rubrics, keep_screens: bool = False) -> Made:
    """One card, or the row's error on one line; never raises for a bad row. The row's session owns what it read:
    nothing of one row stays in the worker for the next."""
    from ..session import Session

    assert _ENGINE is not None, "start() or use() first"
    t0 = time.perf_counter()
    try:
        with _files(job) as products:
            session = Session.run(products, _ENGINE, rubrics)
            screens = session.screens
        return Made(job.key, job.id, session.comparison.model_dump_json(), [[s.lines for s in p] for p in screens],
                    seconds=time.perf_counter() - t0, screens=screens if keep_screens else None)
    except ShipcardError as exc:
        return Made(job.key, job.id, error=str(exc), seconds=time.perf_counter() - t0)
    except Exception as exc:
        first = (str(exc).strip().splitlines() or [""])[0][:200]
        return Made(job.key, job.id, error=f"{type(exc).__name__}: {first}", seconds=time.perf_counter() - t0)


@contextmanager
def _files(job: Job):
    """The job's products as file paths: its own paths, or its bytes written to a temporary folder."""
    if job.images is None:
        yield [list(p) for p in job.products]
        return
    with tempfile.TemporaryDirectory(prefix="shipcard-batch-") as tmp:
        products = []
        for i, product in enumerate(job.images):
            folder = Path(tmp) / str(i)
            folder.mkdir()
            products.append([_write(folder / name, data) for name, data in product])
        yield products


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
