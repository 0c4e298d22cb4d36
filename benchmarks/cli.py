"""`shipcard bench`: measure on this machine; results print as Markdown or JSON and append to a JSON-lines log."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(help="Measure speed, memory and accuracy on this machine.", no_args_is_help=True)


@app.command("ocr")
def ocr_command(
    repeat: Annotated[int, typer.Option(help="Runs per measurement; the median is reported.", min=1)] = 3,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    log: Annotated[Path | None, typer.Option(help="Append the result to this JSON-lines file.")] = None,
) -> None:
    """The embedded OCR engine against default RapidOCR and Tesseract: latency, accuracy, whole-card cost."""
    from rich.progress import Progress

    from assistant.doctor import hardware
    from benchmarks import ocr_bench

    readers = {"shipcard (tuned RapidOCR)": ocr_bench.tuned_reader(), "RapidOCR defaults": ocr_bench.default_reader()}
    tess = ocr_bench.tesseract_reader()
    if tess:
        readers["Tesseract"] = tess
    with Progress(transient=True) as bar:
        tasks: dict[str, int] = {}

        def progress(name, done, total):
            if name not in tasks:
                tasks[name] = bar.add_task(name, total=total)
            bar.update(tasks[name], completed=done)

        shots = ocr_bench.per_screenshot(readers, repeat=1, progress=progress)
        cards = ocr_bench.per_card(repeat=repeat)
    result = {"bench": "ocr", "time": time.strftime("%Y-%m-%dT%H:%M:%S"), "hardware": hardware(),
              "per_screenshot": shots, "per_card": cards}
    if log:
        with log.open("a") as f:
            f.write(json.dumps(result) + "\n")
    print(json.dumps(result, indent=2) if as_json else ocr_bench.markdown(shots, cards))
