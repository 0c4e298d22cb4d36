"""A whole run: each configuration measured in its own child process (`python -m benchmarks.edge`)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

from .config import ROOT, STAGES, Config
from .machine import ceiling, fingerprint
from .plan import file_sizes


def run_config(cfg: Config, bandwidth_gbs: float) -> dict:
    """Measure `cfg` in a child process (its own RSS), add sizes and the ceiling; errors become a field.

    The bare llama-cpp-python peer runs in a second child, so the first one's peak RSS is shipcard's own."""
    row = {"config": asdict(cfg), **file_sizes(cfg)}
    started = time.perf_counter()
    own = [s for s in STAGES[cfg.backend] if s != "peers" and (cfg.card or s != "card") and (cfg.accuracy or s != "accuracy")]
    runs = [("", own)] + ([("peers_", ["peers"])] if cfg.peers and "peers" in STAGES[cfg.backend] else [])
    for prefix, stages in runs:
        try:
            result, peak = _child(Config(**{**asdict(cfg), "stages": stages}))
            row.update(result)
            row[f"{prefix}peak_rss_mib"] = round(peak)
        except (RuntimeError, TimeoutError) as exc:
            row[f"{prefix}error"] = str(exc)[-1500:]
            row.update(_partial(str(exc)))
    row["wall_s"] = round(time.perf_counter() - started, 1)
    if row.get("weights_read_per_token"):
        row["ceiling_tok_s"] = round(ceiling(bandwidth_gbs, row["weights_read_per_token"]), 2)
        if row.get("decode_tok_s"):
            row["decode_share_of_ceiling"] = round(row["decode_tok_s"] / row["ceiling_tok_s"], 4)
    return row


def _child(cfg: Config) -> tuple[dict, float]:
    """Run `python -m benchmarks.edge CONFIG_JSON`; return its JSON and peak RSS (MiB) of its process tree."""
    import psutil

    # PYTHONFAULTHANDLER: a child killed by a signal (a crash inside llama.cpp) writes its Python stack to stderr
    env = {**os.environ, "OMP_WAIT_POLICY": "PASSIVE", "TOKENIZERS_PARALLELISM": "false", "PYTHONFAULTHANDLER": "1"}
    cmd = [cfg.python or sys.executable, "-m", "benchmarks.edge", json.dumps(asdict(cfg))]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    watched, peak, t0 = psutil.Process(proc.pid), 0, time.perf_counter()
    import threading

    out: dict[str, str] = {}
    reader = threading.Thread(target=lambda: out.update(zip(("stdout", "stderr"), proc.communicate(), strict=False)), daemon=True)
    reader.start()
    while reader.is_alive():
        with contextlib.suppress(psutil.Error):
            peak = max(peak, sum(p.memory_info().rss for p in [watched, *watched.children(recursive=True)]))
        if time.perf_counter() - t0 > cfg.time_limit_s:
            proc.kill()
            reader.join()
            raise TimeoutError(f"{cfg.label}: stopped after the {cfg.time_limit_s:.0f} s limit; partial: {_last_json(out.get('stdout', ''))}")
        reader.join(0.05)
    if proc.returncode != 0:
        raise RuntimeError(f"{cfg.label} {died(proc.returncode)}: {_stderr_tail(out.get('stderr', ''))}; "
                           f"partial: {_last_json(out.get('stdout', ''))}")
    return json.loads(out["stdout"].strip().splitlines()[-1]), peak / 2**20


def died(returncode: int) -> str:
    """How a child ended: "failed (exit 2)", or "died of SIGSEGV (signal 11)" where a signal killed it."""
    import signal

    if returncode >= 0:
        return f"failed (exit {returncode})"
    try:
        name = signal.Signals(-returncode).name
    except ValueError:
        name = "an unknown signal"
    return f"died of {name} (signal {-returncode})"


def _stderr_tail(stderr: str) -> str:
    """The end of a child's stderr, without faulthandler's list of extension modules (one long line)."""
    lines = [ln for ln in stderr.strip().splitlines() if not ln.startswith("Extension modules:")]
    return "\n".join(lines)[-1000:] or "no output"


def _partial(message: str) -> dict:
    found = re.search(r"partial: (\{.*\})", message, re.DOTALL)
    try:
        return json.loads(found.group(1)) if found else {}
    except ValueError:
        return {}


def _last_json(stdout: str) -> str:
    lines = [ln for ln in stdout.strip().splitlines() if ln.startswith("{")]
    return lines[-1] if lines else "{}"


# ---- a whole run ---------------------------------------------------------------------------------


def run(configs: list[Config], bandwidth: dict, progress=None) -> dict:
    """Measure each configuration in turn (never two at once: they would share the cores); one result."""
    rows = []
    for i, cfg in enumerate(configs):
        if progress:
            progress(cfg.label, i, len(configs))
        rows.append(run_config(cfg, bandwidth["read_gbs"]))
    if progress:
        progress("done", len(configs), len(configs))
    return {"bench": "run", "time": time.strftime("%Y-%m-%dT%H:%M:%S"), "fingerprint": fingerprint(),
            "bandwidth": bandwidth, "results": rows}


def append(result: dict, log: Path) -> None:
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("a") as f:
        f.write(json.dumps(result) + "\n")
