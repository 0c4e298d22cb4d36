"""The machine's memory bandwidth, the limit on decode speed: each decoded token reads every weight once.

Read bandwidth is measured by taking the maximum of an array of bytes far larger than the caches, split
across threads (numpy releases the GIL inside the reduction, so all cores read at once, as llama.cpp's decode
does). A byte maximum costs one vector instruction per 32 bytes, so the loop waits on memory, not on
arithmetic: summing float64 read 20-30% less on the same 2-core machine, which would flatter every share of
the ceiling. Copy bandwidth by `np.copyto` (it reads and writes, counted as 2x the bytes). Best of N runs,
GB/s (1e9). `ReadProbe` re-measures read bandwidth between other work, so a figure and its ceiling can be
taken in the same minute on a machine whose neighbours come and go.

    python -m benchmarks.bandwidth [--mib 1024] [--repeat 5]
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing_extensions import Self  # typing.Self needs 3.11


def measure(mib: int = 1024, repeat: int = 5, threads: int | None = None) -> dict:
    """{"read_gbs", "copy_gbs", "mib", "threads", "repeat"}: best of `repeat` over a `mib`-MiB array."""
    import numpy as np

    with ReadProbe(mib, threads) as probe:
        read = probe.gbs(repeat)
        target = np.empty_like(probe.data)
        dests = np.array_split(target, probe.threads)
        copy = _best(lambda: list(probe.pool.map(np.copyto, dests, probe.parts)), repeat)
        size, threads = probe.data.nbytes, probe.threads
    return {"read_gbs": read, "copy_gbs": round(2 * size / copy / 1e9, 2), "mib": size // 2**20, "threads": threads,
            "repeat": repeat, "kernel": "max of uint8"}


class ReadProbe:
    """An array far above the caches and a thread per core, kept between read-bandwidth measurements."""

    def __init__(self, mib: int = 512, threads: int | None = None):
        import numpy as np

        self.threads = threads or os.cpu_count() or 1
        self.data = np.ones(max(self.threads, mib * 2**20), dtype=np.uint8)  # written once: pages resident
        self.parts = np.array_split(self.data, self.threads)
        self.pool = ThreadPoolExecutor(self.threads)

    def gbs(self, repeat: int = 3) -> float:
        """Read GB/s now: best of `repeat` passes over the whole array."""
        import numpy as np

        return round(self.data.nbytes / _best(lambda: list(self.pool.map(np.max, self.parts)), repeat) / 1e9, 2)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.pool.shutdown()
        self.data = self.parts = None


def _best(work, repeat: int) -> float:
    work()  # warm: thread start-up, first touch
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    import argparse
    import json

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=int, default=1024)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(json.dumps(measure(args.mib, args.repeat)))


if __name__ == "__main__":
    main()
