"""What this machine is and which engines can run on it."""

from __future__ import annotations

import os
import platform

import psutil

from .backends import BackendOptions, survey


def hardware() -> dict:
    return {
        "cpu": _cpu_name(),
        "machine": platform.machine(),
        "cores": os.cpu_count() or 1,
        "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "apple_silicon": platform.system() == "Darwin" and platform.machine() == "arm64",
    }


def _cpu_name() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def report(model: str | None = None) -> dict:
    found = survey(BackendOptions(model=model))
    auto = next((b for b in found if b.usable), None)
    return {
        "hardware": hardware(),
        "backends": [b.model_dump() for b in found],
        "auto": f"{auto.name} ({auto.reason})" if auto else "none",
    }
