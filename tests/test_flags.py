"""Every `--flag` the docs and the CLI's own messages name is a flag the command tree has: a rename fails here.

The tree is `shipcard`'s (typer.main.get_command), sub-commands mounted. A flag is checked twice: it must be
an option of some command (or of a `python -m` script's argparse, or another tool's, listed in FOREIGN), and
where a line names the command (`shipcard bench run ... --tiles 2`), an option of that very command.
"""

from __future__ import annotations

import ast
import re
from functools import cache

import pytest
import typer
from import_graph import PACKAGES, ROOT

from assistant.cli import app

MESSAGES = ("common", "weights", "assistant", "quantize", "ui", "benchmarks/cli.py")
DOCS = sorted([ROOT / "README.md", ROOT / "benchmarks" / "README.md", *(ROOT / "docs").glob("*.md")])
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z0-9_-]*")
# Other programs' flags the docs and messages name, each with its program.
FOREIGN = {
    "--no-deps": "pip", "--find-links": "pip", "--force-reinstall": "pip", "--no-cache-dir": "pip", "--no-binary": "pip", "--head": "ray start",
    "--clip_model_path": "llama_cpp.server", "--chat_format": "llama_cpp.server", "--n_ctx": "llama_cpp.server",
    "--limit-mm-per-prompt": "vllm", "--max-model-len": "vllm", "--tensor-parallel-size": "vllm",
    "--model-path": "sglang", "--mmproj": "llama-server", "--parallel": "llama-server", "--ctx-size": "llama-server",
    "--cont-batching": "llama-server", "--host": "servers", "--port": "servers",
}


@cache
def tree() -> dict[tuple[str, ...], frozenset[str]]:
    """Command path (`("bench", "run")`) -> its options, `--help` included; `()` is `shipcard` itself."""
    found: dict[tuple[str, ...], frozenset[str]] = {}

    def walk(command, path: tuple[str, ...]) -> None:
        names = {"--help"}
        for param in command.params:
            if param.param_type_name == "option":
                names.update(o for o in (*param.opts, *param.secondary_opts) if o.startswith("--"))
        found[path] = frozenset(names)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, (*path, name))

    walk(typer.main.get_command(app), ())
    return found


@cache
def script_flags() -> frozenset[str]:
    """Flags of the project's own `python -m` scripts (argparse `add_argument("--x", ...)`)."""
    found = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "add_argument":
                    found.update(a.value for a in node.args if isinstance(a, ast.Constant) and str(a.value)[:2] == "--")
    return frozenset(found)


def doc_lines() -> list[tuple[str, str]]:
    """(`file:line`, text) of the docs, a code line continued with `\\` joined to the next."""
    lines = []
    for path in DOCS:
        pending, start = "", 0
        for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            start = start or n
            if text.rstrip().endswith("\\"):
                pending += text.rstrip()[:-1] + " "
                continue
            lines.append((f"{path.relative_to(ROOT)}:{start}", pending + text))
            pending, start = "", 0
    return lines


def message_lines() -> list[tuple[str, str]]:
    """(`file:line`, text) of every string the CLI may print: messages, help texts, docstrings. (Not the benchmark
    scripts' and corpus builders', which name Chromium's and CSS's `--things`.)"""
    found = []
    files = (ROOT / m for m in MESSAGES if m.endswith(".py"))
    folders = ((ROOT / m).rglob("*.py") for m in MESSAGES if not m.endswith(".py"))
    for path in sorted([*files, *(f for folder in folders for f in folder)]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "--" in node.value:
                found.append((f"{path.relative_to(ROOT)}:{node.lineno}", node.value))
    return found


def unknown(where: str, text: str) -> list[str]:
    """The flags in `text` that nothing defines, then those not of the command the text names."""
    known = frozenset().union(*tree().values(), script_flags(), FOREIGN)
    wrong = [f"{where}: {flag}" for flag in FLAG.findall(text) if flag not in known]
    for path, flags in invocations(text):
        wrong += [f"{where}: {flag} is not an option of `shipcard {' '.join(path)}`" for flag in flags
                  if flag not in tree()[path]]
    return wrong


def invocations(text: str) -> list[tuple[tuple[str, ...], list[str]]]:
    """Each `shipcard SUB [SUB] ... --flag` in `text`: the command's path and the flags after it (up to a quote, a
    backtick or a comment). Only where the word after `shipcard` is a command: prose ("shipcard reads ...") is not."""
    found = []
    for match in re.finditer(r"(?<![\w/.-])shipcard ([^`'\"#\n]*)", text):
        words = match.group(1).split()
        path: tuple[str, ...] = ()
        while words and (*path, words[0]) in tree():
            path = (*path, words.pop(0))
        if path:
            found.append((path, FLAG.findall(" ".join(words))))
    return found


def test_the_tree_is_walked_to_the_leaves():
    assert "--tiles" in tree()[("compare",)] and "--card-budgets" in tree()[("bench", "run")]
    assert "--variant" in script_flags()


def test_a_renamed_flag_is_caught_in_prose_and_in_a_command_line():
    assert unknown("x", "raise `--tile-budget` to 2") == ["x: --tile-budget"]
    assert unknown("x", "shipcard bench run --tiles 1,2 --backend ocr") == [
        "x: --backend is not an option of `shipcard bench run`"]
    assert unknown("x", "shipcard reads `--tiles 2` pages; pip install --no-deps x") == []


@pytest.mark.parametrize("source", ["docs", "messages"])
def test_every_flag_named_is_in_the_command_tree(source):
    lines = doc_lines() if source == "docs" else message_lines()
    wrong = [w for where, text in lines for w in unknown(where, text)]
    assert not wrong, "flags the command tree does not have:\n" + "\n".join(wrong)
