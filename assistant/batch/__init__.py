"""`shipcard batch`: a manifest of comparisons made as one resumable job, on this machine or a Ray cluster.

    manifest.py   rows (JSONL or CSV) and their keys (image bytes + engine + model + rubrics)
    work.py       the worker: one engine per process, a card per job, nothing written
    local.py      in the driver's process (--concurrency 1) or a pool of worker processes
    cluster.py    Ray tasks (--ray ADDRESS): images travel as bytes, cards come back
    runner.py     the driver: the only writer of DIR (cards, results.jsonl, summary.json) and the history,
                  one batch per DIR at a time (DIR/.lock)

The manifest's format, for people: docs/batch.md.

Every card is made by `Session.run` (assistant/session.py) and saved by `Session.save`, as `compare` does.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from .manifest import Row, keyed, read_manifest
from .runner import Driver, Summary, locked, out_folder, run_rows

__all__ = ["Row", "Summary", "identity", "keyed", "read_manifest", "run_batch"]


def run_batch(manifest: Path, out: Path, backend: str = "ocr", options: dict | None = None,
              rubrics_dir: Path | None = None, formats: tuple[str, ...] = ("html", "md", "json"),
              concurrency: int = 1, ray_address: str | None = None, save: bool = True,
              progress: Callable[[int, int], None] | None = None, allow_outside: bool = False,
              capture=None) -> Summary:
    """Make every row of `manifest` not already done in `out`; returns the counts (also in out/summary.json).

    Refused as a whole (one ShipcardError, nothing run): an unreadable manifest, an --out that is a file, a
    second batch on the same --out. Rows naming files outside the manifest's folder fail unless `allow_outside`.
    URLs in rows are captured into OUT/captures/ with `capture` (CaptureOptions), under the lock.
    """
    from ..backends import choose
    from ..rubrics import load_rubrics
    from ..session import model_name

    rubrics = load_rubrics(rubrics_dir)
    listed = read_manifest(manifest, allow_outside)  # a manifest that is no manifest fails before an engine loads
    out = out_folder(Path(out))
    with locked(out):
        engine = choose(backend, options)  # fails now, in one line, if it cannot run
        options = engine.options.model_dump(exclude_defaults=True)  # the workers' engine: the one chosen here
        if capture is not None:  # read again, URLs captured now: under the lock, once the engine can run
            listed = read_manifest(manifest, allow_outside, out, capture)
        rows = keyed(listed, identity(engine, rubrics))
        driver = Driver(out, list(formats), engine.name, model_name(engine), save)
        executor = _executor(engine, options, rubrics, concurrency, ray_address)
        window = concurrency * 2 if concurrency > 1 or ray_address else 1
        return run_rows(rows, out, executor, driver, progress or (lambda done, total: None), window)


def identity(engine, rubrics) -> str:
    """What besides the images decides a card: the engine, its model (and server), the rubrics."""
    from ..session import model_name

    rubric_text = json.dumps([r.model_dump(mode="json") for r in rubrics], sort_keys=True)
    parts = [engine.name, model_name(engine) or "", getattr(engine, "base", "") or "",
             getattr(engine, "served_model", ""), hashlib.sha256(rubric_text.encode()).hexdigest()]
    return "|".join(parts)


def _executor(engine, options: dict, rubrics, concurrency: int, ray_address: str | None):
    from . import work
    from .local import Inline, Pool

    if ray_address:
        from .cluster import RayCluster

        return RayCluster(ray_address, engine.name, options, rubrics)
    if concurrency <= 1:
        work.use(engine)  # the driver's own engine does the work
        return Inline(engine.name, options, rubrics)
    return Pool(engine.name, options, rubrics, concurrency)
