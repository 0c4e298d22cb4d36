"""Does quantizing cost accuracy? The labeled benchmark screenshots through several variants, side by side.

Each variant is a backend and a model (`llamacpp` + a GGUF folder or catalog id, `mlx` + an MLX folder).
Every screenshot is read by OCR once, then extracted by each variant and scored with the benchmark
scorer (`benchmarks.accuracy.score_facts`: name, tagline, category, license, open weights, entry price and
each tier). Meaningful only with real weights; the synthetic models answer noise.

    python -m benchmarks.quality --variant f16=llamacpp:/models/f16 --variant q4=llamacpp:/models/q4 [--limit 5]

It lives in benchmarks/, not quantize/: it scores with the benchmark scorer, and benchmarks stand above
quantize (docs/architecture.md, "Layers"). `shipcard bench run` calls it as its accuracy stage.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass, field
from pathlib import Path

from assistant.backends.base import TILE_BUDGET
from benchmarks.accuracy import DATA, Score, load_truth, score_facts


@dataclass(frozen=True)
class Variant:
    label: str  # "f16", "q8", "q4", ...
    backend: str  # "llamacpp" | "mlx"
    model: str  # folder or catalog id

    @classmethod
    def parse(cls, text: str) -> Variant:
        """LABEL=BACKEND:MODEL, e.g. q4=llamacpp:smolvlm2-2.2b-q4."""
        label, _, rest = text.partition("=")
        backend, _, model = rest.partition(":")
        if not (label and backend and model):
            raise ValueError(f"--variant {text!r}: expected LABEL=BACKEND:MODEL")
        return cls(label, backend, model)


@dataclass
class VariantScore:
    variant: Variant
    score: Score = field(default_factory=Score)
    seconds: float = 0.0
    screens: int = 0
    failures: int = 0  # model answers that were not usable JSON (the OCR values stood)


def compare(variants: list[Variant], screens_dir: Path | None = None, truth_file: Path | None = None,
            limit: int | None = None, tile_budget: int = TILE_BUDGET) -> list[VariantScore]:
    """Field accuracy of each variant over the labeled screenshots (the same screens, OCR'd once)."""
    from assistant.backends import BackendOptions, choose

    truth = load_truth(truth_file)
    screens = _read_screens(screens_dir or DATA / "screens", truth, limit)
    results = []
    for variant in variants:
        engine = choose(variant.backend, BackendOptions(model=variant.model, tile_budget=tile_budget))
        result = VariantScore(variant)
        for name, screen in screens:
            started = time.perf_counter()
            facts = engine.extract([screen])
            result.seconds += time.perf_counter() - started
            result.screens += 1
            score_facts(facts, truth[name], result.score, where=name)
        result.failures = getattr(getattr(engine, "stats", None), "failures", 0)
        results.append(result)
    return results


def _read_screens(folder: Path, truth: dict, limit: int | None):
    from assistant.images import load_image
    from assistant.ocr import read

    names = [n for n in sorted(truth) if (folder / n).is_file()][:limit]
    return [(n, read(load_image(folder / n))) for n in names]


def markdown(results: list[VariantScore]) -> str:
    """The side-by-side table: accuracy, fields right, time per screenshot, model answers that failed."""
    lines = ["| variant | backend | model | field accuracy | right / total | s per screenshot | failed answers |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in results:
        per = r.seconds / max(1, r.screens)
        lines.append(f"| {r.variant.label} | {r.variant.backend} | {r.variant.model} | {r.score.ratio:.1%} "
                     f"| {r.score.right} / {r.score.total} | {per:.1f} | {r.failures} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Field accuracy of model variants on the labeled screenshots.")
    parser.add_argument("--variant", action="append", required=True, help="LABEL=BACKEND:MODEL (repeat)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N labeled screenshots")
    parser.add_argument("--tiles", type=int, default=TILE_BUDGET, help="most image tiles per screenshot (as compare)")
    args = parser.parse_args(argv)
    results = compare([Variant.parse(v) for v in args.variant], limit=args.limit, tile_budget=args.tiles)
    print(markdown(results))


if __name__ == "__main__":
    main()
