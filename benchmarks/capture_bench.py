"""`shipcard bench capture`: the corpus served as HTML on loopback, read back through URL capture.

Each page (its `light` document) is served by a local HTTP server three times over: as written, with its
metadata stripped (<title>, <meta>, canonical, JSON-LD: the titles were written here, so metadata alone proves
little), and with metadata that lies (another page's name and a made-up JSON-LD price). Each is captured with
headless Chromium at the page's own viewport, its height the corpus capture's (the labels describe that much),
and extracted by the embedded engine. Scored: the name, and the prices (entry and every tier), against the
page's label; on the lying set, also whether the card notes the disagreement. Then one two-URL card against the
same card from the corpus's saved screenshots (OCR), median of `repeat` runs each.

The pages' HTML comes from `benchmarks/corpus/html/` (written by `python -m benchmarks.corpus.build html`; in a
repository checkout only, like the corpus's screenshots), their labels from the corpus's truth.json.
"""

from __future__ import annotations

import html as htmllib
import http.server
import json
import re
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import ClassVar

from benchmarks.accuracy import Score, field_ok, norm, score_facts
from benchmarks.labeled import sealed

CORPUS = Path(__file__).resolve().parent / "corpus"
HTML = CORPUS / "html"
SCREENS = CORPUS / "screens"
MAX_HEIGHT = 2400  # the corpus's captures stop there (benchmarks/corpus/build.py)

META = re.compile(r"<title\b.*?</title>|<meta\b[^>]*>|<link\b[^>]*rel=[\"']?canonical[^>]*>|"
                  r"<script\b[^>]*ld\+json[^>]*>.*?</script>", re.IGNORECASE | re.DOTALL)


def stripped(doc: str) -> str:
    return META.sub("", doc)


def lying(doc: str, other: str) -> str:
    """The page with every metadata field naming `other`, and a JSON-LD price no tier shows."""
    name = htmllib.escape(other)
    tags = (f"<title>{name} | Official site</title><meta property=\"og:site_name\" content=\"{name}\">"
            f"<meta property=\"og:title\" content=\"{name}\"><script type=\"application/ld+json\">"
            f'{{"@type":"Product","name":"{name}","offers":{{"@type":"Offer","price":"987.65","priceCurrency":"USD"}}}}'
            "</script>")
    body = stripped(doc)
    return re.sub(r"(<head\b[^>]*>)", lambda m: m.group(1) + tags, body, count=1, flags=re.IGNORECASE) \
        if re.search(r"<head\b", body, re.IGNORECASE) else tags + body


def pages() -> list[tuple[str, str, tuple[int, int], dict]]:
    """(key, html, viewport, label) per corpus page with a `light` capture (the plain document, served as is)."""
    index_file, truth_file = HTML / "index.json", CORPUS / "truth.json"
    if not index_file.is_file() or not truth_file.is_file():
        return []
    index, truth = json.loads(index_file.read_text()), json.loads(truth_file.read_text())
    out = []
    for key, viewport in sorted(index.items()):
        label = truth.get(f"{key}__light.png")
        if label:
            out.append((key, (HTML / f"{key}.html").read_text(encoding="utf-8"), (viewport[0], viewport[1]), label))
    return out


class _Site(http.server.BaseHTTPRequestHandler):
    docs: ClassVar[dict[str, str]] = {}

    def do_GET(self) -> None:
        body = self.docs.get(self.path.split("?")[0])
        if body is None:
            self.send_error(404)
            return
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


def serve(docs: dict[str, str]) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = type("Site", (_Site,), {"docs": docs})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def run(limit: int | None = None, repeat: int = 3, progress=None) -> dict:
    from assistant.backends import choose

    chosen = pages()[:limit] if limit else pages()
    if not chosen:
        from assistant.errors import ShipcardError

        raise ShipcardError("No corpus pages to serve: benchmarks/corpus/html/ is missing (it is not in the wheel).",
                            "In a repository checkout, run: python -m benchmarks.corpus.build html")
    names = [label["name"] for _, _, _, label in chosen]
    docs: dict[str, str] = {}
    lies: dict[str, str] = {}
    for i, (key, doc, _, _) in enumerate(chosen):
        lies[key] = next((n for n in names[i + 1:] + names[:i] if n and norm(n) != norm(names[i])), "Globex")
        docs[f"/served/{key}"], docs[f"/bare/{key}"], docs[f"/liar/{key}"] = doc, stripped(doc), lying(doc, lies[key])
    server, root = serve(docs)
    engine = choose("ocr", {})
    results: dict[str, dict] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="shipcard-bench-capture-") as tmp:
            results["ocr"] = _baseline(chosen)
            for mode in ("served", "bare", "liar"):
                results[mode] = _score_mode(mode, chosen, root, Path(tmp) / mode, engine, progress)
            results["liar"] |= _wins(results["liar"].pop("names"), results["bare"]["names"], lies)
            results["card"] = _timing(chosen, root, Path(tmp) / "time", engine, repeat)
            for mode in ("served", "bare"):
                results[mode].pop("names")
    finally:
        server.shutdown()
    return {"bench": "capture", "time": time.strftime("%Y-%m-%dT%H:%M:%S"), "pages": len(chosen), **results}


def _options(viewport: tuple[int, int]):
    """The page's viewport; as tall as the corpus capture of it (the label describes that much)."""
    from assistant.capture.browser import CaptureOptions

    width, height = viewport
    return CaptureOptions(width=width, height=min(height, MAX_HEIGHT), max_height=max(800, min(height, MAX_HEIGHT)),
                          allow_local=True, timeout_s=30)


def _score_mode(mode, chosen, root, folder, engine, progress) -> dict:
    """Capture and extract every page of one mode (one browser per viewport size), scored against the labels."""
    from assistant.capture import save
    from assistant.capture.browser import Browser
    from assistant.pipeline import extract

    name, prices, noted, names = Score(), Score(), 0, {}
    split = {group: (Score(), Score()) for group in ("unsealed", "sealed")}  # tune on one, report the other
    started = time.monotonic()
    with_opts = {}
    for key, _, viewport, label in chosen:
        with_opts.setdefault(viewport, []).append((key, label, _options(viewport)))
    for group in with_opts.values():
        with Browser(group[0][2]) as browser:
            for key, label, _ in group:
                if progress:
                    progress(f"capture {mode}: {key}")
                [shot] = browser.capture(f"{root}/{mode}/{key}")
                [png] = save([shot], folder / key)
                facts, _ = extract([png], engine)
                priced = {k: v for k, v in label.items() if k in ("entry", "entry_usd_per_month", "tiers")}
                group = split["sealed" if sealed(key.split("/")[0]) else "unsealed"]
                for names_score, prices_score in (name, prices), group:
                    names_score.add(field_ok(facts, "name", label), f"{key}: name {facts.name!r}, want {label['name']!r}")
                    score_facts(facts, priced, prices_score, key)
                names[key] = facts.name
                noted += any("metadata" in n for n in facts.notes) or not facts.name
    out = {"name": _ratio(name), "prices": _ratio(prices), "misses": name.misses + prices.misses,
           **{group: {"name": _ratio(n), "prices": _ratio(p)} for group, (n, p) in split.items()},
           "seconds": round(time.monotonic() - started, 1), "names": names}
    if mode == "liar":
        out |= {"noted": noted, "of": len(chosen)}
    return out


def _wins(liar: dict, bare: dict, lies: dict) -> dict:
    """The visible page wins a lying page when the card names what it names with no metadata at all, and never the
    lie."""
    won = [k for k in liar if liar[k] == bare[k] and norm(liar[k]) != norm(lies[k])]
    return {"visible_wins": len(won), "lost": sorted(set(liar) - set(won))}


def _baseline(chosen) -> dict:
    """The same pages' corpus screenshots read by OCR (frozen lines): what a person's own screenshot gives."""
    from assistant.extract import extract_facts
    from benchmarks.labeled import corpus_shots

    wanted = {f"{key}__light.png" for key, _, _, _ in chosen}
    name, prices = Score(), Score()
    split = {group: (Score(), Score()) for group in ("unsealed", "sealed")}
    for shot in corpus_shots(include_sealed=True):
        if shot.key in wanted:
            facts = extract_facts([shot.screen])
            group = split["sealed" if sealed(shot.key.split("/")[0]) else "unsealed"]
            for names_score, prices_score in (name, prices), group:
                names_score.add(field_ok(facts, "name", shot.truth), f"{shot.key}: name {facts.name!r}")
                score_facts(facts, {k: v for k, v in shot.truth.items() if k in ("entry", "entry_usd_per_month", "tiers")},
                            prices_score, shot.key)
    return {"name": _ratio(name), "prices": _ratio(prices), "misses": name.misses + prices.misses,
            **{group: {"name": _ratio(n), "prices": _ratio(p)} for group, (n, p) in split.items()}}


def _ratio(score: Score) -> dict:
    return {"right": score.right, "total": score.total, "ratio": round(score.ratio, 4)}


TIMED = ("landing", "pricing", "aggregator")  # a two-product card from each: hero pages, tall price tables, listings


def _timing(chosen, root, folder, engine, repeat: int) -> dict:
    """Two-product cards from two URLs (capture included) against the same cards from saved screenshots: the first
    two pages of each family in TIMED, median of `repeat` runs each, interleaved."""
    cards = []
    for family in TIMED:
        pair = [(k, v) for k, _, v, _ in chosen if k.startswith(f"{family}/") and (SCREENS / f"{k}__light.png").exists()]
        if len(pair) >= 2:
            cards.append(_time_pair(pair[:2], root, folder, engine, repeat))
    if not cards:
        return {"cards": [], "ratio": None, "repeat": repeat}
    ratio = sum(c["urls_s"] for c in cards) / sum(c["screenshots_s"] for c in cards)
    return {"cards": cards, "ratio": round(ratio, 3), "worst": max(c["ratio"] for c in cards), "repeat": repeat}


def _time_pair(pair, root, folder, engine, repeat: int) -> dict:
    from assistant.capture import resolve
    from assistant.session import Session

    shots = [[SCREENS / f"{key}__light.png"] for key, _ in pair]
    opts = _options(pair[0][1])

    def from_screens() -> None:
        Session.run(shots, engine)

    def from_urls() -> None:
        Session.run(resolve([[f"{root}/served/{key}"] for key, _ in pair], folder, opts), engine)

    from_screens(), from_urls()  # warm: the OCR models, the ranker, Chromium's files in the page cache
    a, b = [], []
    for _ in range(repeat):
        a.append(_seconds(from_screens))
        b.append(_seconds(from_urls))
    return {"pair": [key for key, _ in pair], "screenshots_s": round(statistics.median(a), 3),
            "urls_s": round(statistics.median(b), 3), "ratio": round(statistics.median(b) / statistics.median(a), 3)}


def _seconds(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def markdown(result: dict) -> str:
    def cell(r: dict) -> str:
        return f"{r['right']}/{r['total']} ({r['ratio']:.1%})"

    rows = ["| scored | name | prices | unsealed: name | prices | sealed: name | prices |", "|---|---|---|---|---|---|---|"]
    for mode, title in (("ocr", "saved screenshots, OCR (baseline)"), ("served", "URL capture, as served"), ("bare", "URL capture, metadata stripped"),
                        ("liar", "URL capture, metadata lies")):
        r = result[mode]
        groups = [cell(r[g][f]) if g in r else "" for g in ("unsealed", "sealed") for f in ("name", "prices")]
        rows.append(f"| {title} | {cell(r['name'])} | {cell(r['prices'])} | {' | '.join(groups)} |")
    liar, t = result["liar"], result["card"]
    rows += ["", f"Lying metadata: the visible page won {liar['visible_wins']}/{liar['of']} (the name read as with no "
             f"metadata, never the lie); the card noted the disagreement on {liar['noted']}/{liar['of']}.",
             *(f"Two-product card ({', '.join(c['pair'])}): from URLs {c['urls_s']} s, from saved screenshots "
               f"{c['screenshots_s']} s (median of {t['repeat']}): ratio {c['ratio']}." for c in t["cards"]),
             f"All cards: ratio {t['ratio']} (URL seconds over screenshot seconds), worst {t.get('worst')}."]
    return "\n".join(rows)
