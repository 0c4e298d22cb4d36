"""Corrected cards as labeled corpus entries: what a person fixed becomes truth the extractor is measured on.

`shipcard export --labeled --out DIR` writes, for every product with at least one field set by a person:

    DIR/screens/user/<entry>    the stored screenshot (bytes and suffix as kept)
    DIR/lines/user/<entry>.json its OCR lines as read when the card was made [{"text", "box", "confidence"}]
    DIR/truth.json              one label per screenshot, in benchmarks/corpus's format, with the product's
                                facts (a person's values where they fixed them) and `"family": "user"`

Entries are named `card<id>-p<product>__<n>`. The layout matches `benchmarks/corpus/`, so the folder can be
scored as it is or merged into the corpus.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ..datamodel import Facts
from ..files import atomic_write

FAMILY = "user"


def label_of(facts: Facts) -> dict:
    """The corpus label for one product's facts."""
    return {
        "name": facts.name, "tagline": facts.tagline, "license": facts.license, "open_weights": facts.open_weights,
        "entry": facts.pricing.entry, "entry_usd_per_month": facts.pricing.entry_usd_per_month,
        "tiers": [{"name": t.name, "price_usd": t.price_usd, "period": t.period} for t in facts.pricing.tiers],
        "injection": False,
    }


def export_labeled(history, ids: list[int], out: Path) -> int:
    """Write the corrected products of cards `ids` under `out`; returns how many screenshots were written."""
    truth: dict[str, dict] = {}
    for cid in ids:
        comparison = history.get(cid)
        files, lines = history.screen_files(cid), history.lines(cid)
        for p, product in enumerate(comparison.products):
            corrected = sorted(f for f, source in product.facts.provenance.items() if source == "person")
            if not corrected or p >= len(files):
                continue
            label = label_of(product.facts) | {"corrected": corrected}
            for n, (name, path) in enumerate(files[p]):
                entry = f"card{cid}-p{p + 1}__{n + 1}{path.suffix}"
                _write_shot(out, entry, path, [ln for ln in lines[p] if ln.image == name])
                truth[f"{FAMILY}/{entry}"] = label | {
                    "family": FAMILY, "page": f"card{cid}-p{p + 1}", "variant": str(n + 1),
                    "source": f"shipcard card #{cid}, screenshot {name}", "source_license": "the user's own"}
    atomic_write(out / "truth.json", json.dumps(truth, indent=1, ensure_ascii=False) + "\n")
    return len(truth)


def _write_shot(out: Path, entry: str, image: Path, lines) -> None:
    screens, frozen = out / "screens" / FAMILY, out / "lines" / FAMILY
    screens.mkdir(parents=True, exist_ok=True)
    frozen.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(image, screens / entry)
    rows = [{"text": ln.text, "box": list(ln.box), "confidence": ln.confidence} for ln in lines]
    atomic_write((frozen / entry).with_suffix(".json"), json.dumps(rows, ensure_ascii=False) + "\n")
