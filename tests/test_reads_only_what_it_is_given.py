"""No file outside the named inputs and shipcard's home is opened (plus Python's and the packages' own files).

A fresh interpreter installs a `sys.addaudithook` that records every `open`, then runs compare, history, show,
ask, export and import (a hostile export naming /etc/passwd among them) through the real CLI entry point.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUN = r"""
import json, os, sys
opened = []
sys.addaudithook(lambda event, args: opened.append(os.fsdecode(args[0])) if event == "open" and args
                 and isinstance(args[0], (str, bytes, os.PathLike)) else None)
from assistant.cli import main
work = sys.argv[1]
for argv in json.loads(sys.argv[2]):
    sys.argv = ["shipcard", *argv]
    try:
        main()
    except SystemExit:
        pass
print(json.dumps(sorted({os.path.abspath(p) for p in opened})))
"""


def _page(path: Path, lines: list[str]) -> str:
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", (640, 200), "white")
    for i, text in enumerate(lines):
        ImageDraw.Draw(img).text((20, 20 + 50 * i), text, fill=(40, 40, 40), font=ImageFont.load_default(32))
    img.save(path)
    return str(path)


def test_only_named_inputs_and_the_home_are_opened(tmp_path):
    a = _page(tmp_path / "a.png", ["Acme Coder", "Free tier. Pro $20/mo"])
    b = _page(tmp_path / "b.png", ["Brio Voice", "Team $49/mo"])
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps({"format": "shipcard-history", "version": 3, "cards": [{
        "created_at": "x", "backend": "ocr", "comparison": {"title": "t", "products": []},
        "screens": [[{"sha256": "0" * 64, "name": "p", "source_path": "/etc/passwd"}]]}]}))
    out, home = tmp_path / "out", tmp_path / "home"
    commands = [["compare", a, b, "--backend", "ocr", "--out", str(out), "--format", "md,json"], ["history"],
                ["show", "1"], ["ask", "1", "Which is cheaper?"], ["export", "--all", "--out", str(tmp_path / "e.json")],
                ["import", str(tmp_path / "e.json")], ["import", str(hostile)], ["export", "--all"]]
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "HOME"), "SHIPCARD_HOME": str(home),
           "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", RUN, str(tmp_path), json.dumps(commands)], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    opened = json.loads(done.stdout.strip().splitlines()[-1])
    allowed = [str(tmp_path), str(ROOT), sys.prefix, sys.base_prefix, *[p for p in sys.path if p.startswith("/")],
               "/proc/", "/sys/", "/dev/", "/usr/lib/", "/usr/share/", "/usr/local/lib/", "/etc/localtime",
               "/etc/os-release"]  # the platform module names the OS
    outside = [p for p in opened if "__editable__" not in p and not any(p.startswith(a) for a in allowed)]
    assert outside == []
    assert (out / "card.json").is_file() and any((home / "screens").iterdir())
