"""No import cycles, file by file, and the top-level packages only import down their floors (docs/architecture.md).

The graph (tests/import_graph.py) counts imports inside functions and modules imported by name; a failure names
each file and line. The core importing without extras is tests/test_cli.py's.
"""

from __future__ import annotations

import itertools

import tomllib
from import_graph import FLOORS, PACKAGES, ROOT, Edge, cycles, graph, upward

# The `shipcard` command (assistant/cli.py) mounts these sub-commands by name, so that a package left out or an
# extra missing drops its sub-command instead of breaking the CLI: the only references up the floors, and never
# an import statement. (Registering them through an entry-point group, as engines are, would remove them.)
MOUNTS = {("assistant.cli", m) for m in ("quantize.cli", "benchmarks.cli", "ui.cli")}


def _plant(root, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def test_graph_sees_imports_in_functions_relative_ones_and_names(tmp_path):
    _plant(tmp_path, {
        "low/__init__.py": "", "low/a.py": "def f():\n    from .b import x\n", "low/b.py": "x = 1\n",
        "top/__init__.py": "", "top/cli.py": "import sys\nfor m in ('low.a',):\n    __import__(m)\n",
        "top/doc.py": "'''low.b, in a docstring of a file that imports nothing by name'''\n",
    })
    edges = graph(tmp_path, ("low", "top"))
    assert [str(e.target) for e in edges["low.a"]] == ["low.b"] and edges["low.a"][0].line == 2
    assert [(e.target, e.by_name) for e in edges["top.cli"]] == [("low.a", True)]
    assert edges["top.doc"] == []


def test_a_planted_cycle_is_found_and_named_by_file(tmp_path):
    _plant(tmp_path, {"p/__init__.py": "", "p/a.py": "import p.b\n", "p/b.py": "x = 1\n\ndef f():\n    from p import a\n"})
    edges = graph(tmp_path, ("p",))
    found = cycles({m: {e.target for e in es} for m, es in edges.items()})
    assert found == [["p.a", "p.b", "p.a"]]
    assert _report(found[0], edges) == ["p/a.py:1 imports p.b", "p/b.py:4 imports p.a"]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]


def test_no_import_cycles_file_by_file():
    edges = graph()
    found = cycles({m: {e.target for e in es} for m, es in edges.items()})
    assert not found, "import cycles:\n" + "\n\n".join("\n".join(_report(c, edges)) for c in found)


def test_packages_import_only_down_their_floors():
    wrong = [e for es in graph().values() for e in es if upward(e) and (e.source, e.target) not in MOUNTS]
    floors = " < ".join(" | ".join(f) for f in FLOORS)
    assert not wrong, f"imports up or across the floors ({floors}):\n" + "\n".join(map(str, wrong))


def test_the_mounts_are_by_name_and_still_there():
    named = {(e.source, e.target) for e in graph()["assistant.cli"] if e.by_name and upward(e)}
    assert named == MOUNTS  # a mount gone or added: update MOUNTS and docs/architecture.md


def test_every_shipped_package_stands_on_a_floor():
    found = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]["find"]["include"]
    assert sorted(p.rstrip("*") for p in found) == sorted(PACKAGES)


def _report(cycle: list[str], edges: dict[str, list[Edge]]) -> list[str]:
    """Each step of a cycle as `file:line imports module`."""
    return [str(next(e for e in edges[a] if e.target == b)) for a, b in itertools.pairwise(cycle)]
