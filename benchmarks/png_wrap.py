"""Sentences the PNG card cuts, and text drawn past its column or the canvas, across the whole corpus.

    python -m benchmarks.png_wrap [--json]        (or: shipcard bench png-wrap)

Every corpus screenshot with frozen lines, sealed families included (`benchmarks.labeled.corpus_shots`), is one
product: extracted and judged by the rules (no OCR run, no model), then drawn as a single-product verdict card and,
paired two by two in corpus order, as two-column cards (the narrower columns). The measurement is the one of
tests/test_card.py::test_png_wraps_and_grows_and_never_cuts_a_sentence, per sentence: a sentence of a rationale,
tagline, name, pricing or Best-for row, or of the pick line, is cut unless its words are drawn in order at its size.
A line is drawn outside when its ink (the font's bounding box, not its advance) runs past its column or the header,
or when the columns need more height than the canvas has.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from dataclasses import dataclass, field


@dataclass
class Tally:
    cards: int = 0
    products: int = 0
    sentences: int = 0
    cut: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=lambda: {"judge": 0.0, "layout": 0.0, "render": 0.0})


def products(shots: list) -> list:
    """Each screenshot as a product card, by the rules."""
    from assistant.datamodel import ProductCard
    from assistant.extract import extract_facts
    from assistant.judge import judge_product, panel
    from assistant.rubrics import load_rubrics

    rubrics = load_rubrics()
    cards = []
    for shot in shots:
        facts = extract_facts([shot.screen])
        reviews = judge_product(facts, [shot.screen], rubrics, None)
        cards.append(ProductCard(facts=facts, reviews=reviews, panel=panel(reviews)))
    return cards


def cards(made: list) -> list:
    """A verdict card per product, then the products two by two (the last alone when the count is odd)."""
    from assistant.datamodel import Comparison

    singles = [[p] for p in made]
    pairs = [made[i:i + 2] for i in range(0, len(made), 2)]
    return [Comparison(title=Comparison.title_of(group), products=group) for group in singles + pairs]


def sources(p) -> list[tuple[str, int]]:
    """What one column wraps, at the size it is drawn (assistant/card/png.py:column)."""
    from assistant.card.text import best_for, pricing_text

    f = p.facts
    found = [(r.rationale, 12) for r in p.reviews] + [(f.name or "Unnamed product", 26), (f.tagline or "", 15),
                                                     (f"Pricing: {pricing_text(f)}", 14), (f"Best for: {best_for(f)}", 14)]
    return [(text, size) for text, size in found if text.strip()]


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s]


def measure(c, tally: Tally) -> None:
    """Count the cut sentences and the lines drawn outside on one card (the test's measurement, per sentence)."""
    from assistant.card.png import INSET, PAD, WIDTH, _font, _height, column_width, drawable, layout, render_png
    from assistant.card.text import pick_line

    t0 = time.perf_counter()
    top, columns = layout(c)
    t1 = time.perf_counter()
    image = render_png(c)
    tally.seconds["layout"] += t1 - t0
    tally.seconds["render"] += time.perf_counter() - t1
    width = column_width(c)
    inner = width - 2 * INSET
    checks = [(top, [(pick_line(c), 17)], WIDTH - 2 * PAD)]
    checks += [(rows, sources(p), inner) for p, rows in zip(c.products, columns, strict=True)]
    for rows, wrapped, room in checks:
        for text, size in wrapped:
            drawn = [r.text for r in rows if r.size == size and r.text]
            for s in sentences(text):
                tally.sentences += 1
                if s not in " ".join(drawn) and s not in "".join(drawn):  # a word split at the edge joins with ""
                    tally.cut.append(f"{c.title}: {s!r}")
        for r in rows:
            if r.text and _font(r.size).getbbox(drawable(r.text))[2] > room:
                tally.outside.append(f"{c.title}: {r.text!r} is wider than {room} px")
    needed = 28 + _height(top) + 16 + max(_height(rows) + 2 * INSET for rows in columns) + PAD
    if image.height < needed or image.width != WIDTH:
        tally.outside.append(f"{c.title}: the canvas is {image.size}, its text needs {WIDTH}x{needed}")
    tally.cards += 1


def run(include_sealed: bool = True) -> dict:
    from benchmarks.labeled import corpus_shots

    shots = corpus_shots(include_sealed=include_sealed)
    tally = Tally()
    t0 = time.perf_counter()
    made = products(shots)
    tally.seconds["judge"] = time.perf_counter() - t0
    tally.products = len(made)
    for c in cards(made):
        measure(c, tally)
    total = time.perf_counter() - t0
    return {"bench": "png-wrap", "time": time.strftime("%Y-%m-%dT%H:%M:%S"), "screenshots": len(shots),
            "families": len({s.family for s in shots}), "cards": tally.cards, "single_product_cards": len(made),
            "two_product_cards": tally.cards - len(made), "sentences": tally.sentences, "cut_sentences": len(tally.cut),
            "drawn_outside": len(tally.outside), "cut": tally.cut, "outside": tally.outside,
            "seconds": {"extract_and_judge": round(tally.seconds["judge"], 2),
                        "layout": round(tally.seconds["layout"], 2), "render_png": round(tally.seconds["render"], 2),
                        "total": round(total, 2)}}


def markdown(result: dict) -> str:
    s = result["seconds"]
    lines = [(f"PNG wrap across the corpus: {result['cards']} cards ({result['single_product_cards']} single-product, "
              f"{result['two_product_cards']} two-product) from {result['screenshots']} screenshots in "
              f"{result['families']} families"),
             (f"- sentences checked: {result['sentences']}; cut: {result['cut_sentences']}; "
              f"lines drawn outside their column or the canvas: {result['drawn_outside']}"),
             (f"- time: extract and judge {s['extract_and_judge']} s, layout {s['layout']} s, "
              f"PNG render {s['render_png']} s, total {s['total']} s")]
    return "\n".join(lines + [f"  cut: {m}" for m in result["cut"]] + [f"  outside: {m}" for m in result["outside"]])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    result = run()
    print(json.dumps(result, indent=2) if args.json else markdown(result))


if __name__ == "__main__":
    main()
