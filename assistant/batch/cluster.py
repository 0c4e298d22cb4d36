"""Running jobs on a Ray cluster (`shipcard batch ... --ray ADDRESS`).

Ray tasks, one CPU each: a task's process builds its engine once and keeps it for every later task it
runs (one OCR engine per worker, one ONNX Runtime thread per CPU it holds). Screenshots travel as bytes,
since other machines cannot read the driver's files; tasks return cards, and the driver alone writes DIR
and the history. Every node needs shipcard installed (`pip install 'shipcard[ray]'`, plus the engine's extra).
Ray rather than Dask: Ray's tasks keep per-process state (the loaded engine) and its scheduler places work
by CPU (and GPU) resources on each node, which is what the VLM engines will need.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..errors import MissingDependencyError, ShipcardError
from . import work
from .work import Job, Made


def _ray():
    try:
        import ray
    except ImportError:
        raise MissingDependencyError("ray", "ray") from None
    return ray


def _remote_make(backend: str, options: dict, job: Job, rubrics) -> Made:
    """Runs in a Ray worker process: the engine is built on its first task there."""
    if not work.started():
        work.start(backend, options, ocr_threads=1)
    return work.make(job, rubrics)


class RayCluster:
    """Jobs as Ray tasks on the cluster at `address` ("local" starts one on this machine)."""

    def __init__(self, address: str, backend: str, options: dict, rubrics, num_cpus: int | None = None):
        ray = _ray()
        self.ray = ray
        if not ray.is_initialized():
            try:
                if address == "local":
                    ray.init(num_cpus=num_cpus, include_dashboard=False, log_to_driver=False)
                else:
                    ray.init(address=address, log_to_driver=False)
            except (ConnectionError, RuntimeError, ValueError) as exc:
                raise ShipcardError(f"Cannot join the Ray cluster at {address}: {str(exc).splitlines()[0][:160]}",
                                    "Start it with 'ray start --head' or pass its address (ray://host:10001).") from None
        self.task = ray.remote(num_cpus=1)(_remote_make)
        self.backend, self.options, self.rubrics = backend, options, ray.put(rubrics)

    @property
    def cpus(self) -> int:
        return int(self.ray.cluster_resources().get("CPU", 1))

    def map(self, jobs: Iterable[Job], window: int) -> Iterator[Made]:
        running: dict = {}
        jobs = iter(jobs)
        while True:
            while len(running) < window and (job := next(jobs, None)) is not None:
                shipped = Job(job.key, job.id, [], images=[[(p.name, p.read_bytes()) for p in product]
                                                          for product in job.products])
                running[self.task.remote(self.backend, self.options, shipped, self.rubrics)] = job
            if not running:
                return
            ready, _ = self.ray.wait(list(running), num_returns=1)
            for ref in ready:
                yield self._outcome(ref, running.pop(ref))

    def _outcome(self, ref, job: Job) -> Made:
        try:
            return self.ray.get(ref)
        except Exception as exc:
            return Made(job.key, job.id, error=f"the Ray task failed ({type(exc).__name__})")

    def stop(self) -> None:
        pass
