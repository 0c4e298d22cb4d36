"""Validate a page's label: keys and types, and every label string visible in the page's text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from benchmarks.corpus.page import Page

REQUIRED = {"name": str, "tagline": (str, type(None)), "license": (str, type(None)),
            "open_weights": (bool, type(None)), "entry": (str, type(None)),
            "entry_usd_per_month": (int, float, type(None)), "tiers": list}
OPTIONAL = {"category": str, "injection": bool}
PERIODS = {"month", "year", "usage", "one-time"}
LICENSES = {"Apache-2.0", "MIT", "BSD-3-Clause", "BSD-2-Clause", "GPL-3.0", "AGPL-3.0", "LGPL-3.0",
            "MPL-2.0", "Proprietary", "CC-BY-4.0", "CC-BY-NC-4.0", "CC-BY-SA-4.0", "OpenRAIL", "Llama-3.1",
            "Llama-3.2", "Gemma", "Other"}


class _Text(HTMLParser):
    """Text a browser would draw: skips <style>, <script>, <title> and attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "title"):
            self.hidden += 1
        elif tag in ("br", "p", "div", "li", "h1", "h2", "h3", "td", "tr", "section"):
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in ("style", "script", "title"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return re.sub(r"\s+", " ", "".join(parser.parts))


def problems(page: Page) -> list[str]:
    out = []
    text = visible_text(page.html)
    for variant in page.variants:
        if variant != page.variants[0] and variant not in page.variant_truth:
            continue  # same label as the first variant
        label = page.label(variant)
        where = "" if variant == page.variants[0] else f"[{variant}] "
        out += [where + p for p in _types(label)] + [where + p for p in _visible(label, text)]
    if "browser" in page.variants and not page.url:
        out.append("variant 'browser' needs Page.url")
    return sorted(set(out))


def _types(label: dict) -> list[str]:
    out = [f"missing key {k!r}" for k in REQUIRED if k not in label]
    out += [f"unknown key {k!r}" for k in label if k not in REQUIRED and k not in OPTIONAL]
    for key, kind in {**REQUIRED, **OPTIONAL}.items():
        if key in label and not isinstance(label[key], kind):
            out.append(f"{key}={label[key]!r} has the wrong type")
    if isinstance(label.get("entry_usd_per_month"), bool):
        out.append("entry_usd_per_month is a bool")
    if label.get("license") and label["license"] not in LICENSES:
        out.append(f"license {label['license']!r} is not an SPDX id we know (add it to LICENSES if real)")
    if label.get("entry") is None and label.get("entry_usd_per_month") is not None:
        out.append("entry_usd_per_month without entry")
    for tier in label.get("tiers", []):
        if set(tier) != {"name", "price_usd", "period"} or tier.get("period") not in PERIODS \
                or not isinstance(tier.get("price_usd"), (int, float)):
            out.append(f"bad tier {tier!r} (want name, price_usd: number, period in {sorted(PERIODS)})")
    return out


def _visible(label: dict, text: str) -> list[str]:
    wanted = [("name", label.get("name")), ("tagline", label.get("tagline")), ("category", label.get("category"))]
    wanted += [("tier", t.get("name")) for t in label.get("tiers", [])]
    seen = text.casefold()  # case is not part of a label: "supabase" in a wordmark is Supabase
    return [f"{what} {value!r} is not in the page's visible text" for what, value in wanted
            if isinstance(value, str) and re.sub(r"\s+", " ", value).casefold() not in seen]
