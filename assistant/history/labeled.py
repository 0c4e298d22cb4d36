"""Corrected cards as labeled corpus entries: what a person fixed becomes truth the extractor is measured on.

`shipcard export --labeled --out DIR` writes, for every product with at least one field set by a person:

    DIR/screens/user/<entry>    the stored screenshot (bytes and suffix as kept)
    DIR/lines/user/<entry>.json its OCR lines as read when the card was made [{"text", "box", "confidence"}]
    DIR/truth.json              one label per screenshot, in benchmarks/corpus's format, with the product's
                                facts (a person's values where they fixed them) and `"family": "user"`

Entries are named `card<id>-p<product>__<n>`. The layout matches `benchmarks/corpus/`, so the folder can be
scored as it is or merged into the corpus.

DIR is written with care: a DIR that already holds a truth.json is refused unless `force` (a corpus is never
replaced by accident), only regular files are written, each whole, and only inside DIR: a link planted in
DIR (for screens/, lines/ or an entry) is refused or replaced, never followed out.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

from ..datamodel import Facts
from ..errors import ShipcardError
from ..files import atomic_write, out_folder, read_regular
from ..sanitize import printable

FAMILY = "user"


def label_of(facts: Facts) -> dict:
    """The corpus label for one product's facts."""
    return {
        "name": facts.name, "tagline": facts.tagline, "license": facts.license, "open_weights": facts.open_weights,
        "entry": facts.pricing.entry, "entry_usd_per_month": facts.pricing.entry_usd_per_month,
        "tiers": [{"name": t.name, "price_usd": t.price_usd, "period": t.period} for t in facts.pricing.tiers],
        "injection": False,
    }


def export_labeled(history, ids: list[int], out: Path, force: bool = False) -> int:
    """Write the corrected products of cards `ids` under `out`; returns how many screenshots were written."""
    _check_out(out, force)
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


def _check_out(out: Path, force: bool) -> None:
    """DIR is a folder (made if missing) that holds no corpus yet, unless `force`."""
    out_folder(out, "truth.json, screens/ and lines/")
    truth = out / "truth.json"
    if os.path.lexists(truth) and not force:
        raise ShipcardError(f"{printable(out)} already holds a labeled corpus (truth.json); it is left as it is.",
                            "Pass another --out, or --force to replace it.")


def _own_folder(path: Path) -> Path:
    """`path` as a real folder inside DIR (made if missing); a link or a file there is refused, not followed."""
    try:
        path.mkdir(exist_ok=True)
        mode = os.lstat(path).st_mode
    except OSError as exc:
        raise _cannot(path, exc) from None
    if not stat.S_ISDIR(mode):
        raise ShipcardError(f"{printable(path)} is a link or a file, not a folder: nothing is written through it.",
                            "Remove it, or pass another --out.")
    return path


def _cannot(path: Path, exc: OSError) -> ShipcardError:
    fix = ("The folder is read-only: pass another --out." if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM)
           else "Pass --out DIR, a folder you can write.")
    return ShipcardError(f"Cannot write {printable(path)} ({exc.strerror or exc}).", fix)


def _write_shot(out: Path, entry: str, image: Path, lines) -> None:
    from ..images import MAX_FILE_BYTES

    screens = _own_folder(_own_folder(out / "screens") / FAMILY)
    frozen = _own_folder(_own_folder(out / "lines") / FAMILY)
    atomic_write(screens / entry, read_regular(image, MAX_FILE_BYTES, "screenshot"))  # a link there is replaced
    rows = [{"text": ln.text, "box": list(ln.box), "confidence": ln.confidence} for ln in lines]
    atomic_write((frozen / entry).with_suffix(".json"), json.dumps(rows, ensure_ascii=False) + "\n")
