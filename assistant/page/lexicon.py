"""The shapes of page text every reader relies on: navigation and chrome words, calls to action, URLs, sentence
ends, split headings ('Name - slogan'), and how a price or a free plan is written. Public names only: the page
stages, the extractor and the judge share these and keep no private copy."""

from __future__ import annotations

import re

NAV_WORDS = {
    "home", "features", "pricing", "docs", "documentation", "blog", "about", "login", "log in", "sign in", "sign up",
    "get started", "contact", "careers", "changelog", "faq", "support", "download", "product", "products",
    "customers", "company", "resources", "start free", "try free", "try it free", "book a demo", "models", "files",
    "community", "enterprise", "api", "datasets", "spaces", "settings", "github", "star", "like", "code", "issues",
    "pull requests", "actions", "projects", "wiki", "security", "insights", "readme", "explore", "search",
    "solutions", "open source", "marketplace", "overview", "reviews", "alternatives", "categories", "submit",
    "newsletter", "menu", "install", "get", "add to chrome", "visit website", "visit", "upvote", "follow", "share",
    "model card", "files and versions", "use this model", "deploy", "train", "guides", "reference", "examples",
}
URL_RE = re.compile(r"^(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:/\S*)?$", re.IGNORECASE)
SPLIT_RE = re.compile(r"^(?P<name>[^:–—|-]{2,40}?)\s*(?:[:|–—]|\s-)\s+(?P<rest>\S.{6,})$")
SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
ACTION_RE = re.compile(r"^(?:get|try|start|sign|book|install|add|download|join|request|buy|upgrade|visit|"
                       r"learn|read|see|view|watch|contact|talk|explore|go)\b", re.IGNORECASE)


def squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def split_heading(text: str) -> tuple[str, str] | None:
    """'Name - slogan', 'Name: slogan', 'Name | slogan' -> (name, slogan); None for a plain heading."""
    m = SPLIT_RE.match(text.strip())
    if not m or len(m.group("name").split()) > 4 or len(m.group("rest").split()) < 2:
        return None
    return m.group("name").strip(), m.group("rest").strip()


def is_nav(text: str) -> bool:
    t = text.strip().lower().rstrip("→>›↗").strip()
    return t in NAV_WORDS or len(t) <= 1


# How a price is written: a currency symbol or code beside an amount (extract/pricing.py reads its groups).
CODES = "USD|EUR|GBP|JPY|INR|CAD|AUD|CHF"
AMOUNT = r"(\d{1,3}(?:[,\u202f ]\d{3})+|\d+)(?:[.,](\d{1,2}))?"
PRICE_RE = re.compile(
    rf"(?P<pre>[$€£¥₹]|\b(?:{CODES})\s?)\s?{AMOUNT}(?P<post>\s?(?:[€£]|\b(?:{CODES})\b))?"
    rf"|{AMOUNT}\s?(?P<post2>[€£]|\b(?:{CODES})\b)",
    re.IGNORECASE,
)
FREE_RE = re.compile(r"^\s*(?:free|\$0|€0|£0|free forever|free plan|free tier|always free)\b", re.IGNORECASE)
TIER_NAME_RE = re.compile(
    r"^(?:free|free trial|trial|starter|basic|hobby|personal|individual|solo|plus|pro|professional|premium|standard|"
    r"growth|team|teams|business|scale|enterprise|ultimate|max|studio|agency|creator|developer|startup|community|"
    r"open source|self-hosted|api|lite|essentials?|advanced|organi[sz]ation|company|unlimited|launch|core)"
    r"(?:\s+\w+)?$",
    re.IGNORECASE,
)


def priced(text: str) -> bool:
    """A line that states a price or a free plan."""
    return bool(PRICE_RE.search(text) or FREE_RE.match(text))
