"""The machine's memory bandwidth, the limit on decode speed: each decoded token reads every weight once.

Read bandwidth is measured by summing a float64 array far larger than the caches, split across threads
(numpy releases the GIL inside the reduction, so all cores read at once, as llama.cpp's decode does);
copy bandwidth by `np.copyto` (it reads and writes, counted as 2x the bytes). Best of N runs, GB/s (1e9).

    python -m benchmarks.bandwidth [--mib 1024] [--repeat 5]
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor


def measure(mib: int = 1024, repeat: int = 5, threads: int | None = None) -> dict:
    """{"read_gbs", "copy_gbs", "mib", "threads", "repeat"}: best of `repeat` over a `mib`-MiB array."""
    import numpy as np

    threads = threads or os.cpu_count() or 1
    n = max(threads, mib * 2**20 // 8)
    data = np.ones(n, dtype=np.float64)  # written once: pages are resident before timing
    target = np.empty_like(data)
    parts = np.array_split(data, threads)
    dests = np.array_split(target, threads)
    with ThreadPoolExecutor(threads) as pool:
        read = _best(lambda: list(pool.map(np.sum, parts)), repeat)
        copy = _best(lambda: list(pool.map(np.copyto, dests, parts)), repeat)
    size = data.nbytes
    return {"read_gbs": round(size / read / 1e9, 2), "copy_gbs": round(2 * size / copy / 1e9, 2),
            "mib": size // 2**20, "threads": threads, "repeat": repeat}


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
