"""The wheel holds what `shipcard` runs, and only that: built, installed in a fresh venv, run from an empty folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT
from import_graph import graph

pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]
SOURCES = ["pyproject.toml", "README.md", "common", "assistant", "weights", "quantize", "benchmarks", "ui"]
# Repository tools, never run by `shipcard`: the corpus builders and the page renderer.
LEFT_OUT = ("benchmarks/corpus/", "benchmarks/data/render.py")


def _run(*cmd, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=150, check=False, **kwargs)
    assert done.returncode == 0, f"{' '.join(map(str, cmd))}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return _wheel(tmp_path_factory.mktemp("wheel"))


def _wheel(tmp_path: Path) -> Path:
    """`pip wheel . --no-deps` on a copy of the sources (no stale build/ folder), without the network."""
    src = tmp_path / "src"
    src.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, src / name)
    _run(sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "--no-build-isolation", "-w", str(tmp_path / "dist"),
         cwd=src)
    return next((tmp_path / "dist").glob("shipcard-*.whl"))


def _venv(tmp_path: Path) -> Path:
    """A venv whose dependencies come from this one (no index): --system-site-packages plus a .pth to ours."""
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv))
    python = venv / "bin" / "python"
    site = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip()
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(site) / "dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")  # paths only: our .pth files stay off
    return python


def test_demo_runs_from_an_installed_wheel_in_any_folder(wheel, tmp_path):
    python = _venv(tmp_path)
    _run(sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q", str(wheel))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["SHIPCARD_HOME"] = str(tmp_path / "home")
    where = _run(python, "-c", "import assistant; print(assistant.__file__)", cwd=elsewhere, env=env).stdout
    assert where.startswith(str(tmp_path / "venv")), where  # the wheel's copy, not this checkout
    done = _run(python.parent / "shipcard", "demo", "--backend", "ocr", cwd=elsewhere, env=env)
    assert "Lumen Notes" in done.stdout and "saved as #1" in done.stderr
    assert sorted(p.name for p in (elsewhere / "shipcard-out").iterdir()) == ["card.html", "card.json", "card.md",
                                                                              "card.png"]


def test_the_wheel_leaves_out_the_repository_tools_and_keeps_what_shipped_code_imports(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert not [n for n in names if n.startswith(LEFT_OUT)]
    shipped = {n for n in names if n.endswith(".py")}
    missing = [f"{e} (not in the wheel)" for edges in graph().values() for e in edges
               if e.file in shipped and _file_of(e.target) not in shipped]
    assert not missing, "shipped modules that import what the wheel leaves out:\n" + "\n".join(missing)


def _file_of(module: str) -> str:
    path = module.replace(".", "/")
    return f"{path}/__init__.py" if (ROOT / path).is_dir() else f"{path}.py"
