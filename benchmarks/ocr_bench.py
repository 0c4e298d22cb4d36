"""The embedded default against its peers, measured side by side in one run.

Three reading engines feed the same rules: shipcard's tuned RapidOCR, RapidOCR with default
settings, and Tesseract (Debian `tesseract-ocr`, when installed). Per screenshot: median latency
and field accuracy on the labeled set. Per card: a whole `shipcard compare` process against a whole
bare-RapidOCR process reading the same two screenshots, wall time and peak RSS.

    shipcard bench ocr [--repeat 3] [--json]
"""

from __future__ import annotations

import contextlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from assistant.datamodel import OcrLine, Screen
from assistant.images import load_image
from benchmarks.accuracy import DATA, Score, load_truth, score_facts

CARD_PAIR = ("parrot-voice-pricing.png", "quillmate-pricing.png")  # two 1280x800 screenshots
Reader = Callable[[Path], Screen]


def tuned_reader() -> Reader:
    from assistant import ocr

    return lambda path: ocr.read(load_image(path), tuned=True)


def default_reader() -> Reader:
    from assistant import ocr

    return lambda path: ocr.read(load_image(path), tuned=False)


def tesseract_reader() -> Reader | None:
    if shutil.which("tesseract") is None:
        return None
    return _tesseract


def _tesseract(path: Path) -> Screen:
    """Tesseract's TSV words grouped into its own lines, boxes kept, for the same rules to read."""
    tsv = subprocess.run(["tesseract", str(path), "-", "--psm", "3", "tsv"], capture_output=True, text=True, check=True).stdout
    groups: dict[tuple, list[list[str]]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) == 12 and cols[0] == "5" and cols[11].strip():
            groups.setdefault(tuple(cols[1:5]), []).append(cols)
    lines = []
    for words in groups.values():
        x0 = min(int(w[6]) for w in words)
        y0 = min(int(w[7]) for w in words)
        x1 = max(int(w[6]) + int(w[8]) for w in words)
        y1 = max(int(w[7]) + int(w[9]) for w in words)
        conf = statistics.mean(max(0.0, float(w[10])) for w in words) / 100
        lines.append(OcrLine(" ".join(w[11] for w in words), (x0, y0, x1, y1), conf, path.name))
    from assistant.ocr import _reading_order

    return Screen(loaded=load_image(path), lines=_reading_order(lines))


def per_screenshot(readers: dict[str, Reader], repeat: int = 1, progress=None) -> dict[str, dict]:
    """Median seconds per screenshot and field accuracy, each reader over the whole labeled set."""
    from assistant.extract import extract_facts

    truth = load_truth()
    results = {}
    for name, read in readers.items():
        read(DATA / "screens" / CARD_PAIR[0])  # warm: engine built once per process, as in use
        times, score = [], Score()
        for i, (shot, label) in enumerate(truth.items()):
            samples = []
            for _ in range(repeat):
                start = time.perf_counter()
                screen = read(DATA / "screens" / shot)
                samples.append(time.perf_counter() - start)
            times.append(statistics.median(samples))
            score_facts(extract_facts([screen]), label, score, where=shot)
            if progress:
                progress(name, i + 1, len(truth))
        results[name] = {"median_s": round(statistics.median(times), 3), "accuracy": round(score.ratio, 4),
                         "fields_right": score.right, "fields": score.total, "misses": score.misses}
    return results


def _run(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one whole process tree, sampled every 10 ms.

    (getrusage's ru_maxrss would count the benchmark's own memory, copied into the child at fork.)
    """
    import psutil

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    watched = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        with contextlib.suppress(psutil.Error):
            peak = max(peak, sum(p.memory_info().rss for p in [watched, *watched.children(recursive=True)]))
        time.sleep(0.01)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[:3]} failed: {proc.stderr.read().decode()[-400:]}")
    return wall, peak / 2**20


BARE_RAPIDOCR = (
    "import sys\nfrom rapidocr import RapidOCR\n"
    "engine = RapidOCR(params={'Global.log_level': 'warning'})\n"
    "for p in sys.argv[1:]:\n    engine(p)\n"
)


def card_commands() -> dict[str, list[str]]:
    """The whole processes `per_card` times: a shipcard card, and the bare readers on the same two images."""
    shots = [str(DATA / "screens" / s) for s in CARD_PAIR]
    out = tempfile.mkdtemp(prefix="shipcard-bench-")
    commands = {
        "shipcard compare (card, 4 formats)": [sys.executable, "-m", "assistant", "compare", *shots, "--backend", "ocr",
                                               "--out", out, "--no-save"],
        "bare RapidOCR, defaults": [sys.executable, "-c", BARE_RAPIDOCR, *shots],
    }
    if shutil.which("tesseract"):
        commands["bare Tesseract"] = ["sh", "-c", " && ".join(f"tesseract {s} - >/dev/null 2>&1" for s in shots)]
    return commands


def per_card(repeat: int = 3, progress=None, commands: dict[str, list[str]] | None = None) -> dict[str, dict]:
    """A two-product card as a whole process against bare RapidOCR (defaults) reading the same two images.

    `progress(stage, done, total)` after each process; `commands` (default `card_commands()`) names what to time.
    """
    commands = commands or card_commands()
    results: dict[str, dict] = {name: {"walls": [], "rss": []} for name in commands}
    total, done = repeat * len(commands), 0
    for _ in range(repeat):  # interleaved, so load on the machine falls on each alike
        for name, cmd in commands.items():
            wall, rss = _run(cmd)
            results[name]["walls"].append(wall)
            results[name]["rss"].append(rss)
            done += 1
            if progress:
                progress("whole-card processes", done, total)
    return {name: {"median_s": round(statistics.median(r["walls"]), 2), "peak_rss_mib": round(max(r["rss"]))}
            for name, r in results.items()}


def markdown(shots: dict[str, dict], cards: dict[str, dict]) -> str:
    rows = ["| reader | median s / screenshot | field accuracy |", "|---|---|---|"]
    rows += [f"| {n} | {r['median_s']:.2f} | {100 * r['accuracy']:.1f}% ({r['fields_right']}/{r['fields']}) |"
             for n, r in shots.items()]
    rows += ["", "| whole process, two 1280x800 screenshots | median wall s | peak RSS MiB |", "|---|---|---|"]
    rows += [f"| {n} | {r['median_s']:.2f} | {r['peak_rss_mib']} |" for n, r in cards.items()]
    base = cards.get("bare RapidOCR, defaults")
    card = next(iter(cards.values()))
    if base:
        rows.append(f"\nCard / bare RapidOCR wall time: {card['median_s'] / base['median_s']:.2f}x")
    return "\n".join(rows)
