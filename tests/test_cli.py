"""The CLI as a person meets it: demo, doctor, clear errors, and a core that imports without extras."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from assistant.cli import app
from assistant.errors import ShipcardError

runner = CliRunner()


def test_demo_writes_every_format(tmp_path):
    result = runner.invoke(app, ["demo", "--out", str(tmp_path), "--backend", "ocr"])
    assert result.exit_code == 0, result.output
    assert "Kestrel Coder" in result.stdout and "Lumen Notes" in result.stdout
    assert sorted(p.name for p in tmp_path.glob("card.*")) == ["card.html", "card.json", "card.md", "card.png"]


def test_doctor_reports_hardware_and_auto_choice():
    result = runner.invoke(app, ["doctor", "--json"])
    info = json.loads(result.stdout)
    assert info["hardware"]["cores"] >= 1
    names = [b["name"] for b in info["backends"]]
    assert "ocr" in names and info["auto"]
    for b in info["backends"]:
        assert b["reason"]  # every engine says why it was taken or skipped


def test_unknown_backend_lists_choices(tmp_path):
    result = runner.invoke(app, ["extract", "x.png", "--backend", "tpu"], standalone_mode=False)
    assert isinstance(result.exception, ShipcardError)
    assert "auto" in str(result.exception) and "ocr" in str(result.exception)


def test_main_prints_one_line_without_traceback(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("hi")
    proc = subprocess.run([sys.executable, "-c", "from assistant.cli import main; main()", "extract", str(bad),
                           "--backend", "ocr"], capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert "not an image" in proc.stderr


def test_core_imports_and_runs_without_any_extra():
    """Every optional extra absent (as docling tests it): the OCR default still works."""
    code = (
        "import sys\n"
        "for m in ('llama_cpp','mlx','mlx_vlm','gradio','anthropic','gguf','huggingface_hub','matplotlib','playwright'):\n"
        "    sys.modules[m] = None\n"
        "from assistant.backends import choose, survey\n"
        "from assistant.cli import app\n"
        "assert choose('auto').name == 'ocr', [a.model_dump() for a in survey()]\n"
        "print('ok')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


def test_command_list_keeps_each_summary_on_one_line():
    """`shipcard --help` on a wide terminal: a docstring's line break is not a row break in the command list."""
    env = {**__import__("os").environ, "TERMINAL_WIDTH": "250", "COLUMNS": "250"}
    shown = subprocess.run([sys.executable, "-m", "assistant", "--help"], capture_output=True, text=True, env=env,
                           check=True).stdout
    assert "would pick and why, a server's models." in shown
    assert "(engine and model: those picked when the page opens)" in shown
