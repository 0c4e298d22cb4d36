"""Running jobs on this machine: in the driver's own process (--concurrency 1) or a pool of worker processes.

Each pool process builds its engine once; the embedded OCR engine's ONNX Runtime threads are the
cores divided among the workers, so N workers do not fight over the same cores.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from . import work
from .work import Job, Made


class Inline:
    """Every job in this process, one after another (the engine is the driver's own)."""

    def __init__(self, backend: str, options: dict, rubrics):
        self.rubrics = rubrics
        if not work.started():
            work.start(backend, options)

    def map(self, jobs: Iterable[Job], window: int) -> Iterator[Made]:
        for job in jobs:
            yield work.make(job, self.rubrics, keep_screens=True)

    def stop(self) -> None:
        pass


class Pool:
    """N worker processes (spawned: no inherited ONNX Runtime or llama.cpp state), `window` jobs in flight."""

    def __init__(self, backend: str, options: dict, rubrics, workers: int):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.rubrics = rubrics
        threads = max(1, (os.cpu_count() or 1) // workers)
        self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=work.start, initargs=(backend, options, threads))

    def map(self, jobs: Iterable[Job], window: int) -> Iterator[Made]:
        from concurrent.futures import FIRST_COMPLETED, wait

        jobs = iter(jobs)
        running: dict = {}
        try:
            while True:
                while len(running) < window and (job := next(jobs, None)) is not None:
                    running[self.pool.submit(work.make, job, self.rubrics)] = job
                if not running:
                    return
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    yield _outcome(future, running.pop(future))
        finally:
            self.stop()

    def stop(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _outcome(future, job: Job) -> Made:
    try:
        return future.result()
    except Exception as exc:
        return Made(job.key, job.id, error=f"the worker process failed ({type(exc).__name__}: {exc})"[:240])
