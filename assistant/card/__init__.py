"""Renderings of a comparison: HTML (self-contained, light and dark), Markdown, JSON and PNG."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from .. import __version__
from ..datamodel import Comparison
from ..files import atomic_path, atomic_write
from ..sanitize import md, printable
from .text import (
    best_for,
    community_text,
    mark,
    name_note,
    person_fields,
    pick_line,
    plural,
    pricing_text,
    tiers_text,
    verdict_word,
    yesno,
)

FORMATS = ("html", "md", "json", "png")


def _env(autoescape: bool) -> Environment:
    # Markdown tables are line-exact: only HTML trims the newline after a block tag.
    # Markdown has no autoescape: every value goes through `md` (page text could carry <script>, links, pipes).
    # HTML escapes markup; every text still loses control and bidi characters (a page's U+202E in <title>).
    env = Environment(loader=PackageLoader("assistant.card", "templates"), autoescape=autoescape,
                      trim_blocks=autoescape, lstrip_blocks=autoescape, keep_trailing_newline=True,
                      finalize=_plain if autoescape else md)
    env.globals.update(tiers=tiers_text, yesno=yesno, community=community_text, mark=mark, person=person_fields,
                       pick=pick_line, pricing=pricing_text, best_for=best_for, name_note=name_note,
                       plural=plural, verdict_word=verdict_word,
                       version=__version__)
    return env


def _plain(value):
    """An HTML card's value as text without control or bidi characters; markup the template built stays."""
    return value if isinstance(value, Markup) or not isinstance(value, str) else printable(value)


def render_html(c: Comparison) -> str:
    return _env(True).get_template("card.html.j2").render(c=c)


def render_markdown(c: Comparison) -> str:
    return _env(False).get_template("card.md.j2").render(c=c)


def render_json(c: Comparison) -> str:
    return c.model_dump_json(indent=2, exclude_none=False)


def write_card(c: Comparison, out_dir: Path, formats: list[str], stem: str = "card") -> list[Path]:
    """Write each asked format; files are written whole (temp file, then rename)."""
    from .png import render_png

    written = []
    for fmt in formats:
        path = out_dir / f"{stem}.{fmt}"
        if fmt == "png":
            with atomic_path(path) as tmp:
                render_png(c).save(tmp, format="PNG")
        else:
            atomic_write(path, {"html": render_html, "md": render_markdown, "json": render_json}[fmt](c))
        written.append(path)
    return written
