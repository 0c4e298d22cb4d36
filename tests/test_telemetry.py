"""Nothing leaves the machine: ONNX Runtime's telemetry stays off in every process shipcard starts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READ_ONE = """
import sys
from assistant.images import load_image
from assistant.ocr import read
from assistant.extract import extract_facts
screen = read(load_image(sys.argv[1]))
print(extract_facts([screen]).name)
"""


def test_ocr_leaves_no_telemetry_in_a_fresh_home(tmp_path):
    """ONNX Runtime on Linux queues events under $HOME/.cache/Microsoft unless ORT_DISABLE_TELEMETRY is set first."""
    image = next((ROOT / "assistant").rglob("*.png"), None) or next((ROOT / "examples").rglob("*.png"))
    env = {k: v for k, v in os.environ.items() if k != "ORT_DISABLE_TELEMETRY"} | {"HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", READ_ONE, str(image)], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip()  # it really read a page
    left = [str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if "microsoft" in str(p).lower()]
    assert left == []
