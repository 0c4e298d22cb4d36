"""Layout families of the corpus: one module `<family>.py` each, exposing `PAGES: list[Page]` and `SEALED`.

A family's name is its module name with hyphens for underscores (`review_site.py` -> `review-site`).
Adding a family is adding a module; nothing here needs editing. Sealed families are held out:
tune nothing on them, only measure. SEALED_FAMILIES (benchmarks/labeled.py) is the fixed list, checked
against each module.
"""

from __future__ import annotations

import importlib
import pkgutil

from benchmarks.corpus.page import Page
from benchmarks.labeled import SEALED_FAMILIES, sealed  # the list lives where `shipcard bench` reads it

__all__ = ["SEALED_FAMILIES", "load", "names", "sealed"]


def names() -> list[str]:
    """Every family with a module, sorted."""
    return sorted(m.name.replace("_", "-") for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def load(family: str) -> list[Page]:
    """The pages of one family, or a KeyError listing the families there are."""
    if family not in names():
        raise KeyError(f"unknown family {family!r}; known: {', '.join(names())}")
    module = importlib.import_module(f"{__name__}.{family.replace('-', '_')}")
    if bool(getattr(module, "SEALED", False)) != sealed(family):
        raise ValueError(f"{family}: module says SEALED={getattr(module, 'SEALED', False)}, "
                         f"but SEALED_FAMILIES {'lists' if sealed(family) else 'does not list'} it")
    return list(module.PAGES)
