"""Figures for `shipcard batch` and the `openai` engine: `python -m benchmarks.batch [--rows 6] [--kills 10] [--json]`.

1. throughput with the embedded engine at 1 and 2 worker processes (cards/min, scaling efficiency);
2. batch overhead: the same cards made one after another in one process (Session.run, write_card, save) vs
   `run_batch` at --concurrency 1;
3. kills: `shipcard batch` killed at random points and resumed; every row must end done exactly once in
   results.jsonl and in the history;
4. the openai engine on a loopback llama_cpp.server (tiny synthetic SmolVLM2): batch at concurrency 1, 2, 4
   (that server serves one request at a time: no scaling is expected), and the engine's own overhead over a
   bare httpx POST of the same payload.

Rows pair distinct labeled screenshots (benchmarks/data/screens), so no row reuses another's OCR.
Each part runs under its own SHIPCARD_HOME in a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCREENS = ROOT / "benchmarks" / "data" / "screens"


def manifest(folder: Path, rows: int) -> Path:
    shots = sorted(SCREENS.glob("*.png"))
    lines = [{"id": f"r{i}", "products": [[str(shots[(2 * i) % len(shots)])], [str(shots[(2 * i + 1) % len(shots)])]]}
             for i in range(rows)]
    path = folder / "manifest.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in lines))
    return path


def _home(folder: Path, name: str) -> Path:
    home = folder / name
    os.environ["SHIPCARD_HOME"] = str(home)
    return home


def throughput(folder: Path, rows: int) -> dict:
    from assistant.batch import run_batch

    m = manifest(folder, rows)
    found = {}
    for workers in (1, 2):
        _home(folder, f"home-w{workers}")
        s = run_batch(m, folder / f"out-w{workers}", "ocr", concurrency=workers, allow_outside=True)
        found[workers] = {"done": s.done, "seconds": round(s.seconds, 1), "cards_per_min": s.cards_per_min}
    found["scaling_efficiency"] = round(found[2]["cards_per_min"] / found[1]["cards_per_min"] / 2, 2)
    return found


def overhead(folder: Path, rows: int, rounds: int = 3) -> dict:
    """Sequential cards in this process vs run_batch at concurrency 1: the same rows, alternated `rounds` times.

    Wall time on a shared machine swings with other load, so CPU time of this process (all its threads) is
    reported beside it; medians over the rounds.
    """
    from assistant import ocr
    from assistant.backends import choose
    from assistant.batch import run_batch

    m = manifest(folder, rows)
    engine = choose("ocr")
    ocr._engine(True)  # both sides start with the OCR engine loaded
    _sequential(m, folder / "warm", engine)  # first-use imports and caches, paid by neither side
    plain, batch = [], []
    for rnd in range(rounds):
        _home(folder, f"home-plain{rnd}")
        plain.append(_timed(lambda rnd=rnd: _sequential(m, folder / f"plain{rnd}", engine)))
        _home(folder, f"home-batch{rnd}")
        batch.append(_timed(lambda rnd=rnd: run_batch(m, folder / f"batch{rnd}", "ocr", allow_outside=True)))
    found = {"rows": rows, "rounds": rounds}
    for i, kind in enumerate(("wall", "cpu")):
        p, b = statistics.median(x[i] for x in plain), statistics.median(x[i] for x in batch)
        found |= {f"sequential_{kind}_s": round(p, 2), f"batch_{kind}_s": round(b, 2),
                  f"overhead_{kind}_pct": round(100 * (b - p) / p, 1)}
    return found


def _sequential(m: Path, out: Path, engine) -> None:
    from assistant.batch import read_manifest
    from assistant.card import write_card
    from assistant.history import History
    from assistant.rubrics import load_rubrics
    from assistant.session import Session

    rubrics, history = load_rubrics(), History.default()
    for row in read_manifest(m, allow_outside=True):
        session = Session.run([list(p) for p in row.products], engine, rubrics, history=history)
        write_card(session.comparison, out / row.id, ["html", "md", "json"])
        session.save()  # the row's screen cache goes with its session


def _timed(fn) -> tuple[float, float]:
    w, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w, time.process_time() - c


def kills(folder: Path, rows: int, n: int) -> dict:
    m = manifest(folder, rows)
    out, home = folder / "out-kill", _home(folder, "home-kill")
    env = {**os.environ, "SHIPCARD_HOME": str(home)}
    cmd = [sys.executable, "-m", "assistant", "batch", str(m), "--out", str(out), "--backend", "ocr"]
    rng = random.Random(16)
    for _ in range(n):
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(1.0, 8.0))
        proc.send_signal(rng.choice([signal.SIGKILL, signal.SIGINT]))
        proc.wait()
    subprocess.run(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    records = [json.loads(x) for x in (out / "results.jsonl").read_text().splitlines() if x.strip().startswith("{")]
    done = [r["id"] for r in records if r["status"] == "done"]
    from assistant.history import History

    saved = len(History.default().rows())  # SHIPCARD_HOME is this part's home
    return {"kills": n, "rows": rows, "done_rows": len(set(done)), "lost": rows - len(set(done)),
            "duplicated_in_results": len(done) - len(set(done)), "history_entries": saved}


def served(folder: Path, rows: int) -> dict:
    from assistant.batch import run_batch

    proc, url = _llama_server()
    try:
        m = manifest(folder, rows)
        found = {}
        for c in (1, 2, 4):
            _home(folder, f"home-s{c}")
            s = run_batch(m, folder / f"out-s{c}", "openai", {"base_url": url, "max_requests": c}, concurrency=c,
                          allow_outside=True)
            found[f"concurrency_{c}"] = {"done": s.done, "failed": s.failed, "cards_per_min": s.cards_per_min,
                                         "correct": _served_cards_ok(folder / f"out-s{c}")}
        found["engine_vs_bare"] = engine_overhead(url)
        return found
    finally:
        proc.terminate()
        proc.wait()


def _served_cards_ok(out: Path) -> bool:
    from assistant.datamodel import Comparison

    cards = [Comparison.model_validate_json(p.read_text()) for p in out.glob("*/card.json")]
    return bool(cards) and all(p.facts.backend == "openai" for c in cards for p in c.products)


def engine_overhead(url: str, n: int = 15) -> dict:
    """engine.complete() vs a bare httpx POST of the body it sends, alternated, medians."""
    import httpx

    from assistant.backends import choose
    from assistant.backends.openai import DIALECTS
    from assistant.backends.openai.backend import _ACCEPTED, data_uri
    from assistant.backends.vlm import JUDGE_SCHEMA
    from assistant.pipeline import read_screens

    screens = read_screens([min(SCREENS.glob("*.png"))])
    engine = choose("openai", {"base_url": url})
    engine.complete("Warm up?", screens, JUDGE_SCHEMA, 24)
    dialect = next(d for d in DIALECTS if d.name == _ACCEPTED[(engine.base, engine.served_model)])
    prompt = "Is there a free tier?"
    body = dialect.body(engine.served_model, [data_uri(s) for s in screens], prompt, JUDGE_SCHEMA, 24)
    client, ours, bare = httpx.Client(), [], []
    for _ in range(n):
        t0 = time.perf_counter()
        engine.complete(prompt, screens, JUDGE_SCHEMA, 24)
        ours.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        client.post(engine.http_root + dialect.path, json=body, timeout=60).json()["choices"][0]["message"]["content"]
        bare.append(time.perf_counter() - t0)
    o, b = statistics.median(ours), statistics.median(bare)
    return {"calls": n, "engine_median_s": round(o, 4), "bare_median_s": round(b, 4), "overhead_pct": round(100 * (o - b) / b, 1)}


def _llama_server():
    from weights.synth.gguf import write_pair

    folder = Path(tempfile.mkdtemp(prefix="shipcard-tiny-gguf-"))
    write_pair("tiny", folder)
    model = next(p for p in folder.glob("*.gguf") if "mmproj" not in p.name)
    mmproj = next(folder.glob("mmproj-*.gguf"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--clip_model_path",
                             str(mmproj), "--chat_format", "mtmd", "--host", "127.0.0.1", "--port", str(port),
                             "--n_threads", "1", "--n_ctx", "4096"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/v1"
    import httpx

    for _ in range(240):
        try:
            if httpx.get(url + "/models", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("llama_cpp.server did not start")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=6)
    ap.add_argument("--kills", type=int, default=10)
    ap.add_argument("--parts", default="throughput,overhead,kills,served")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    parts = {"throughput": lambda f: throughput(f, args.rows), "overhead": lambda f: overhead(f, args.rows),
             "kills": lambda f: kills(f, args.rows, args.kills), "served": lambda f: served(f, min(args.rows, 4))}
    found = {}
    for name in args.parts.split(","):
        with tempfile.TemporaryDirectory(prefix=f"shipcard-bench-{name}-") as tmp:
            found[name] = parts[name](Path(tmp))
        print(json.dumps({name: found[name]}), flush=True)
    if args.json:
        print(json.dumps(found, indent=2))


if __name__ == "__main__":
    main()
