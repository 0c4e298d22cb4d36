#!/usr/bin/env python3
"""Render the benchmark HTML pages to PNG screenshots with headless Chromium.

Each HTML file declares its viewport and device scale in a meta tag:

    <meta name="shipcard-render" content="1280x800@1">

Usage:
    python benchmarks/data/render.py                 # render every page
    python benchmarks/data/render.py --only STEM     # render one page
    python benchmarks/data/render.py --src examples/html --dst assistant/examples

With --dst, a file stem containing "__" is written into a sub-folder:
"lumen-notes__landing.html" becomes "<dst>/lumen-notes/landing.png".

Only the standard library is required; if Pillow is installed, PNGs larger
than --max-kb are re-saved with optimize=True (and palette-quantised when
still too big).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SRC = HERE / "html"
DEFAULT_DST = HERE / "screens"
META_RE = re.compile(
    r'<meta\s+name="shipcard-render"\s+content="(\d+)x(\d+)(?:@(\d+(?:\.\d+)?))?"',
    re.IGNORECASE,
)
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "chrome")


def find_chromium() -> str:
    env = os.environ.get("CHROMIUM")
    if env:
        return env
    for name in CHROMIUM_CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    sys.exit("render.py: no chromium binary found (set $CHROMIUM)")


def render_spec(html: Path) -> tuple[int, int, float]:
    m = META_RE.search(html.read_text(encoding="utf-8"))
    if not m:
        return 1280, 800, 1.0
    return int(m.group(1)), int(m.group(2)), float(m.group(3) or 1)


def out_path(html: Path, dst: Path) -> Path:
    stem = html.stem
    if "__" in stem:
        folder, name = stem.split("__", 1)
        return dst / folder / f"{name}.png"
    return dst / f"{stem}.png"


def optimise(png: Path, max_kb: int) -> None:
    if png.stat().st_size <= max_kb * 1024:
        return
    try:
        from PIL import Image
    except ImportError:
        print(f"  warning: {png.name} > {max_kb} KB and Pillow is not installed")
        return
    with Image.open(png) as im:
        im = im.convert("RGB")
        im.save(png, optimize=True)
        if png.stat().st_size > max_kb * 1024:
            im.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(png, optimize=True)


def render(chromium: str, html: Path, png: Path, max_kb: int) -> None:
    width, height, scale = render_spec(html)
    png.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="shipcard-chromium-") as profile:
        cmd = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--font-render-hinting=none",
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            f"--force-device-scale-factor={scale:g}",
            f"--screenshot={png}",
            html.resolve().as_uri(),
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    if proc.returncode != 0 or not png.exists():
        sys.exit(f"render.py: chromium failed on {html.name}:\n{proc.stderr[-2000:]}")
    optimise(png, max_kb)
    print(f"{html.name} -> {os.path.relpath(png)} ({width}x{height}@{scale:g}, {png.stat().st_size // 1024} KB)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", metavar="STEM", action="append",
                    help="render only this page (file stem); repeatable")
    ap.add_argument("--src", type=Path, default=DEFAULT_SRC, help="folder of .html pages")
    ap.add_argument("--dst", type=Path, default=DEFAULT_DST, help="folder for the .png files")
    ap.add_argument("--max-kb", type=int, default=400, help="optimise PNGs larger than this")
    args = ap.parse_args(argv)

    pages = sorted(args.src.glob("*.html"))
    if args.only:
        wanted = set(args.only)
        pages = [p for p in pages if p.stem in wanted]
        missing = wanted - {p.stem for p in pages}
        if missing:
            sys.exit(f"render.py: no such page(s): {', '.join(sorted(missing))}")
    if not pages:
        sys.exit(f"render.py: no .html files in {args.src}")
    chromium = find_chromium()
    for html in pages:
        render(chromium, html, out_path(html, args.dst), args.max_kb)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
