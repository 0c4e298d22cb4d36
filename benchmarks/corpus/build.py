"""Build the screenshot corpus: render pages to PNG, write truth.json, freeze OCR lines.

    python -m benchmarks.corpus.build render [--family F] [--only ID]
    python -m benchmarks.corpus.build truth
    python -m benchmarks.corpus.build freeze [--family F] [--only ID] [--force]
    python -m benchmarks.corpus.build check
    python -m benchmarks.corpus.build html     # the light pages' HTML for `shipcard bench capture`
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.corpus import families, variants
from benchmarks.corpus.check import problems
from benchmarks.corpus.page import Page
from benchmarks.data.render import find_chromium, optimise

HERE = Path(__file__).resolve().parent
SCREENS = HERE / "screens"
LINES = HERE / "lines"
TRUTH = HERE / "truth.json"
MAX_KB = 350
MAX_HEIGHT = 2400
NO_NETWORK = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-domain-reliability", "--disable-client-side-phishing-detection", "--no-pings",
    "--disable-features=MediaRouter,OptimizationHints,Translate,AutofillServerCommunication",
    "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
    "--hide-scrollbars", "--font-render-hinting=none",
)


def selected(family: str | None, only: str | None) -> list[tuple[str, Page]]:
    names = [family] if family else families.names()
    chosen = [(f, p) for f in names for p in families.load(f) if not only or p.id == only]
    if only and not chosen:
        sys.exit(f"build: no page {only!r} in {family or 'any family'}")
    return chosen


def shot_name(family: str, page: Page, variant: str) -> str:
    return f"{family}/{page.id}__{variant}.png"


def capture(chromium: str, doc: str, png: Path, size: tuple[int, int], scale: float) -> None:
    with tempfile.TemporaryDirectory(prefix="shipcard-corpus-") as tmp:
        src = Path(tmp) / "page.html"
        src.write_text(doc, encoding="utf-8")
        cmd = [chromium, *NO_NETWORK, f"--user-data-dir={tmp}/profile", f"--window-size={size[0]},{size[1]}",
               f"--force-device-scale-factor={scale:g}", f"--screenshot={png}", src.as_uri()]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    if proc.returncode != 0 or not png.exists():
        sys.exit(f"build: chromium failed on {png.name}:\n{proc.stderr[-2000:]}")


def render_one(chromium: str, family: str, page: Page, variant: str) -> Path:
    from PIL import Image

    doc, scale, crop = variants.apply(page, variant)
    width, height = page.viewport
    height = min(height, MAX_HEIGHT)
    png = SCREENS / shot_name(family, page, variant)
    png.parent.mkdir(parents=True, exist_ok=True)
    png.unlink(missing_ok=True)
    capture(chromium, doc, png, (width, height + crop), scale)
    if crop:
        with Image.open(png) as im:
            im.crop((0, int(crop * scale), im.width, im.height)).save(png, optimize=True)
    optimise(png, MAX_KB)
    print(f"{png.relative_to(HERE)} ({width}x{height}@{scale:g}{f' cut {crop}' if crop else ''}, "
          f"{png.stat().st_size // 1024} KB)")
    return png


def render(family: str | None, only: str | None) -> None:
    chromium = find_chromium()
    for fam, page in selected(family, only):
        for variant in page.variants:
            render_one(chromium, fam, page, variant)


def freeze(family: str | None, only: str | None, force: bool) -> None:
    from assistant.images import load_image
    from assistant.ocr import read

    for fam, page in selected(family, only):
        for variant in page.variants:
            png = SCREENS / shot_name(fam, page, variant)
            out = (LINES / shot_name(fam, page, variant)).with_suffix(".json")
            if not png.exists():
                print(f"skip {png.relative_to(HERE)}: not rendered (run render first)")
                continue
            if not force and out.exists() and out.stat().st_mtime >= png.stat().st_mtime:
                continue
            screen = read(load_image(png))
            lines = [{"text": ln.text, "box": [round(v, 1) for v in ln.box], "confidence": round(ln.confidence, 4)}
                     for ln in screen.lines]
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(json.dumps(lines, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
            print(f"{out.relative_to(HERE)}: {len(lines)} lines")


def entry(family: str, page: Page, variant: str) -> dict:
    label = page.label(variant)
    return {"family": family, "page": page.id, "variant": variant, "source": page.source,
            "source_license": page.source_license, **label, "injection": label.get("injection", False)}


def truth() -> dict[str, dict]:
    """Every screenshot's label, over all families (truth.json always covers the whole corpus)."""
    out = {}
    for fam in families.names():
        for page in families.load(fam):
            for variant in page.variants:
                out[shot_name(fam, page, variant)] = entry(fam, page, variant)
    return out


def html() -> None:
    """Each page with a `light` capture as the HTML document it is, plus its viewport: what `shipcard bench capture`
    serves on loopback (shipped code reads these files; it never imports the families)."""
    out = HERE / "html"
    index = {}
    for fam, page in selected(None, None):
        if "light" in page.variants:
            key = f"{fam}/{page.id}"
            (out / fam).mkdir(parents=True, exist_ok=True)
            (out / f"{key}.html").write_text(page.html, encoding="utf-8")
            index[key] = list(page.viewport)
    (out / "index.json").write_text(json.dumps(index, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {len(index)} pages to {out.relative_to(HERE.parent.parent)}")


def check() -> int:
    found = [f"{fam}/{page.id}: {msg}" for fam in families.names() for page in families.load(fam)
             for msg in problems(page)]
    for line in found:
        print(line)
    counts = {fam: sum(len(p.variants) for p in families.load(fam)) for fam in families.names()}
    print(", ".join(f"{f}{' (sealed)' if families.sealed(f) else ''}: {n}" for f, n in counts.items()),
          f"— {sum(counts.values())} screenshots, {len(found)} problem(s)")
    return 1 if found else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=("render", "truth", "freeze", "check", "html"))
    ap.add_argument("--family", help="only this family (e.g. pricing)")
    ap.add_argument("--only", metavar="ID", help="only this page id")
    ap.add_argument("--force", action="store_true", help="freeze: redo OCR even when up to date")
    args = ap.parse_args(argv)
    if args.family and args.family not in families.names():
        sys.exit(f"build: unknown family {args.family!r}; known: {', '.join(families.names())}")
    if args.command == "render":
        render(args.family, args.only)
    elif args.command == "freeze":
        freeze(args.family, args.only, args.force)
    elif args.command == "check":
        return check()
    elif args.command == "html":
        html()
    else:
        if check():
            sys.exit("build: fix the problems above before writing truth.json")
        labels = truth()
        TRUTH.write_text(json.dumps(labels, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {TRUTH.relative_to(HERE.parent.parent)}: {len(labels)} screenshots")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
