"""The project's import graph, file by file, read with `ast` (tests/test_imports.py checks it).

Every import counts: at the top of a file or inside a function (a cycle that only bites when a function runs
is still a cycle), those under `if TYPE_CHECKING:` (two modules that name each other's types are one design:
one module, or a third below both), relative ones resolved, and modules named by a dotted string in a file that
imports by name (`__import__`, `importlib.import_module`), as the `shipcard` command mounts its sub-commands.
`from pkg import name` points at `pkg.name` when that is a module, else at `pkg`.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The top-level packages on their floors, bottom up (docs/architecture.md, "Layers"). A package imports only
# packages on floors below its own; packages on one floor do not import each other.
FLOORS = (("common",), ("weights",), ("assistant",), ("quantize",), ("benchmarks", "ui"))
PACKAGES = tuple(p for floor in FLOORS for p in floor)
_BY_NAME = ("__import__", "import_module")


@dataclass(frozen=True)
class Edge:
    source: str  # dotted module
    target: str
    file: str  # the source's file, from the repository root
    line: int
    by_name: bool = False  # a module named in a string, not an import statement

    def __str__(self) -> str:
        how = "names" if self.by_name else "imports"
        return f"{self.file}:{self.line} {how} {self.target}"


def project_modules(root: Path = ROOT, packages: tuple[str, ...] = PACKAGES) -> dict[str, Path]:
    """Dotted module name -> file, for every module of the project's packages."""
    found = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def edges_of(module: str, path: Path, modules: dict[str, Path], root: Path = ROOT) -> list[Edge]:
    """Project modules that `module` imports anywhere in its file, each with the first line that does."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    first: dict[tuple[str, bool], int] = {}
    for node in ast.walk(tree):
        for name, by_name in _named_in(node, package, modules):
            target = _owner(name, modules)
            if target and target != module:
                key = (target, by_name)
                first[key] = min(first.get(key, node.lineno), node.lineno)
    if not _imports_by_name(tree):
        first = {k: v for k, v in first.items() if not k[1]}
    file = path.relative_to(root).as_posix()
    return sorted((Edge(module, t, file, line, by_name) for (t, by_name), line in first.items()),
                  key=lambda e: (e.line, e.target))


def _named_in(node: ast.AST, package: str, modules: dict[str, Path]) -> list[tuple[str, bool]]:
    if isinstance(node, ast.Import):
        return [(alias.name, False) for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        base = _absolute(node, package)
        subs = (f"{base}.{alias.name}" if base else alias.name for alias in node.names)
        return [(sub if sub in modules else base, False) for sub in subs]
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and "." in node.value and node.value in modules:
        # dotted only: a bare "weights" is as likely a sub-command's name as the package
        return [(node.value, True)]
    return []


def _imports_by_name(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in _BY_NAME:
                return True
    return False


def _absolute(node: ast.ImportFrom, package: str) -> str:
    if not node.level:
        return node.module or ""
    parts = package.split(".")
    base = ".".join(parts[: len(parts) - node.level + 1])
    return f"{base}.{node.module}" if node.module else base


def _owner(name: str, modules: dict[str, Path]) -> str | None:
    """The project module `name` refers to (itself, or the nearest enclosing module), None if outside."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def graph(root: Path = ROOT, packages: tuple[str, ...] = PACKAGES) -> dict[str, list[Edge]]:
    modules = project_modules(root, packages)
    return {m: edges_of(m, p, modules, root) for m, p in modules.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected component that has one (Tarjan), each as a closed path."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(_path_in(component, edges))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def _path_in(component: set[str], edges: dict[str, set[str]]) -> list[str]:
    """A closed path through part of `component`, from its first module back to it (breadth-first)."""
    start = min(component)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        nxt = []
        for v in frontier:
            for w in sorted(set(edges[v]) & component):
                if w == start:
                    return paths[v] + [start]
                if w not in paths:
                    paths[w] = paths[v] + [w]
                    nxt.append(w)
        frontier = nxt
    return sorted(component)


def floor_of(module: str) -> int:
    top = module.partition(".")[0]
    return next(i for i, floor in enumerate(FLOORS) if top in floor)


def upward(edge: Edge) -> bool:
    """Does `edge` point to a higher floor, or across to another package on the same floor?"""
    source, target = edge.source.partition(".")[0], edge.target.partition(".")[0]
    return source != target and floor_of(edge.target) >= floor_of(edge.source)
