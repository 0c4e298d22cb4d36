"""One page of the screenshot corpus: its HTML, its label, where its text came from."""

from __future__ import annotations

from dataclasses import dataclass, field

VARIANTS = ("light", "dark", "2x", "browser", "cookie", "announce", "cut")


@dataclass
class Page:
    """A self-contained HTML document (inline CSS, no network) and the facts a reader should extract.

    `truth` holds the label fields (name, tagline, license, open_weights, entry,
    entry_usd_per_month, tiers, optionally category and injection); build.py adds family, page,
    variant, source and source_license. `variant_truth` overrides fields for one variant (for
    example a `cut` capture that crops the heading away). Colours must come from CSS variables
    so that `<html class="dark">` flips the page to its dark theme.
    """

    id: str
    html: str
    truth: dict
    source: str
    source_license: str
    viewport: tuple[int, int] = (1280, 800)
    variants: tuple[str, ...] = ("light",)
    url: str = ""
    variant_truth: dict[str, dict] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = set(self.variants) - set(VARIANTS)
        if unknown:
            raise ValueError(f"page {self.id}: unknown variant(s) {sorted(unknown)}; choose from {VARIANTS}")
        if "__" in self.id:
            raise ValueError(f"page {self.id}: ids may not contain '__' (it separates page and variant)")

    def label(self, variant: str) -> dict:
        """The truth for one variant; an override of `category` to None drops the key (the label is not shown)."""
        label = {**self.truth, **self.variant_truth.get(variant, {})}
        if "category" in label and label["category"] is None:
            del label["category"]
        return label
