"""The bad-input corpus of issue 11: hostile files, broken homes, slow servers and foreign Hosts, run against the CLI.

    python scripts/hardening/corpus.py [--repo DIR] [--only NAME] [--json OUT]

Every case is built in a fresh temp folder (nothing is kept in the repo) and run as `python -m assistant ...`
in a subprocess with its own HOME and SHIPCARD_HOME; `--repo` runs another checkout (e.g. a `git worktree` of
an older commit) with this interpreter. Each case is scored on the issue's targets:

    traceback   a Python traceback on stderr (the CLI must end in one line)
    hang        still running past the case's budget (killed)
    outside     a file opened outside the case's folder and Python's own files (audit hook, audit_site/)
    telemetry   ONNX Runtime files under the case's HOME, or none of its look-ups (see telemetry_check.sh)
    foreign     a 2xx answer to `Host: evil.example` from the UI
    lost        a card computed but written nowhere when the history cannot be written
    escapes     a raw ESC byte printed, or raw <script>/onerror/javascript: in Markdown

Cases that need root (read-only and full disks are tmpfs mounts) are skipped without it.
"""

from __future__ import annotations

import argparse
import contextlib
import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
ESC = "\x1b"


@dataclass
class Case:
    name: str
    area: str
    build: Callable[[Path], list[list]]  # folder -> commands (argv lists; bytes allowed)
    budget: float = 60.0
    env: dict = field(default_factory=dict)
    check: Callable[[Path, list], list[str]] | None = None  # extra findings: ['lost', 'escapes', ...]
    root: bool = False


# ---- inputs -----------------------------------------------------------------------------------


def page(path: Path, lines: list[str], size=(900, 420), mode="RGB") -> Path:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(img)
    font = _font(28)
    for i, text in enumerate(lines):
        draw.text((30, 24 + 44 * i), text, fill=(51, 51, 51), font=font)  # dark grey, as most pages set text
    if mode == "I;16":
        import numpy as np

        gray = np.asarray(img.convert("L"), dtype=np.uint16) * 257
        Image.fromarray(gray).save(path)  # a 16-bit grayscale PNG
    else:
        img.convert(mode).save(path)
    return path


def _font(size: int):
    from PIL import ImageFont

    return ImageFont.load_default(size)


A_LINES = ["Acme Coder", "The fast API for coding agents", "Free tier. Pro $20/mo", "pip install acme"]
B_LINES = ["Brio Voice", "Speech models for teams", "Start for free. Team $49/mo", "Open weights on Hugging Face"]


def products(d: Path) -> tuple[Path, Path]:
    return page(d / "a.png", A_LINES), page(d / "b.png", B_LINES)


def cli(*args) -> list:
    return [sys.executable, "-m", "assistant", *args]


def base_export(d: Path) -> dict:
    """A real export of one small card, made in this case's home (the corpus's one good card)."""
    return json.loads((d / "export.json").read_text())


def _seed(d: Path) -> list[list]:
    """Card #1 in the case's home and its export in export.json (made once per run, then copied)."""
    return [["seed"]]


_SEEDS: dict[str, Path] = {}


def _make_seed(env: dict, repo: Path) -> Path:
    if str(repo) not in _SEEDS:
        d = Path(tempfile.mkdtemp(prefix="corpus-seed-"))
        a, b = products(d)
        env = {k: v for k, v in env.items() if k != "SHIPCARD_AUDIT_LOG"} | {"SHIPCARD_HOME": str(d / "home")}
        for argv in (cli("compare", str(a), str(b), "--backend", "ocr", "--out", str(d / "seed-out"), "--format",
                         "json"), cli("export", "--all", "--out", str(d / "export.json"))):
            subprocess.run(argv, env=env, cwd=d, check=True, capture_output=True, timeout=300)
        _SEEDS[str(repo)] = d
    return _SEEDS[str(repo)]


# ---- import cases: each writes bad.json from the seed's export, imports it, then reads the history ----


def _import_case(name: str, mutate: Callable[[dict], object], raw: bool = False) -> Case:
    def build(d: Path) -> list[list]:
        return [*_seed(d), ["mutate"], cli("import", str(d / "bad.json")), cli("history"), cli("show", "1"),
                cli("ask", "1", "Which is cheaper to start with?"), cli("export", "--all", "--out", str(d / "all.json")),
                cli("show", "2", "--format", "md")]

    case = Case(name, "import", build, budget=60)
    case.mutate = (mutate, raw)  # type: ignore[attr-defined]
    return case


def _card(d):
    return d["cards"][0]


def _m_bad_b64(d):
    _card(d)["screens"][0][0]["image_b64"] = "!!!not base64!!!"


def _m_votes(d):
    _card(d)["votes"] = [{"up": True}]


def _m_answers(d):
    _card(d)["answers"] = [{"question": "q"}]


def _m_vote_index(d):
    _card(d)["votes"] = [{"product_idx": 10**30, "up": True, "created_at": "x"}]


def _m_vote_index_big(d):
    _card(d)["votes"] = [{"product_idx": 7, "up": True, "created_at": "x"}]


def _m_deep(d):
    return '{"format": "shipcard-history", "version": 3, "cards": ' + "[" * 100_000 + "]" * 100_000 + "}"


def _m_deep_shallow(d):
    deep: object = "x"
    for _ in range(500):
        deep = {"a": deep}
    _card(d)["answers"] = [{"created_at": "x", "question": "q", "answer": deep, "source": "device"}]


def _m_nan_box(d):
    c = _card(d)["comparison"]
    for p in c["products"]:
        for ev in p["facts"]["evidence"].values():
            for e in ev:
                e["box"] = [float("nan")] * 4
    return json.dumps(d)  # NaN as JSON's NaN literal


def _m_more_screens(d):
    c = _card(d)
    c["screens"] = c["screens"] + c["screens"] + c["screens"]


def _m_line_no_text(d):
    for product in _card(d)["screens"]:
        for s in product:
            s["lines"] = [{"box": [0, 0, 1, 1], "confidence": 0.5}]


def _m_reviewer_metachar(d):
    for p in _card(d)["comparison"]["products"]:
        for r in p["reviews"]:
            r["reviewer"] = "(" + r["reviewer"]


def _m_source_path(d):
    for product in _card(d)["screens"]:
        for s in product:
            s["image_b64"] = None
            s["source_path"] = "/etc/passwd"


def _m_osc_title(d):
    c = _card(d)["comparison"]
    c["title"] = "evil\x1b]0;pwned\x07\x1b[2J title"
    c["products"][0]["facts"]["name"] = "Evil\x1b[31m"


def _m_markdown(d):
    f = _card(d)["comparison"]["products"][0]["facts"]
    f["tagline"] = "<script>alert(1)</script>"
    f["description"] = '<img src=x onerror="alert(1)"> [click](javascript:alert(1))'


def _m_hash(d):
    _card(d)["screens"][0][0]["sha256"] = "0" * 64


def _m_names(d):
    _card(d)["screens"][0][0]["name"] = "../../etc/passwd\x1b[2J"


def _m_not_object(d):
    return "[1, 2, 3]"


def _m_huge_string(d):
    _card(d)["comparison"]["title"] = "x" * 5_000_000


def _m_many_cards(d):
    d["cards"] = d["cards"] * 2000


def _m_bad_ext(d):
    _card(d)["screens"][0][0]["ext"] = "/../../x.sh"


def _m_neg_vote(d):
    _card(d)["votes"] = [{"product_idx": -1, "up": True, "created_at": "x"}]


def _m_bad_lines_box(d):
    _card(d)["screens"][0][0]["lines"] = [{"text": "x", "box": "nope", "confidence": "high"}]


def _m_answer_shape(d):
    _card(d)["answers"] = [{"created_at": "x", "question": "q", "answer": {"citations": 5}, "source": "device"}]


def _m_invalid_json(d):
    return "{not json"


def _m_binary(d):
    return b"\xff\xfe\x00garbage"


IMPORTS = [("bad_base64", _m_bad_b64), ("votes_missing_keys", _m_votes), ("answers_missing_keys", _m_answers),
           ("huge_vote_index", _m_vote_index), ("vote_index_out_of_range", _m_vote_index_big),
           ("deep_nesting", _m_deep), ("deep_answer", _m_deep_shallow), ("nan_boxes", _m_nan_box),
           ("more_screens_than_products", _m_more_screens), ("ocr_line_without_text", _m_line_no_text),
           ("reviewer_regex_metachar", _m_reviewer_metachar), ("source_path_etc_passwd", _m_source_path),
           ("osc_title", _m_osc_title), ("markdown_injection", _m_markdown), ("hash_mismatch", _m_hash),
           ("screen_name_traversal", _m_names), ("root_not_object", _m_not_object), ("huge_string", _m_huge_string),
           ("many_cards", _m_many_cards), ("bad_ext", _m_bad_ext), ("negative_vote", _m_neg_vote),
           ("bad_line_box", _m_bad_lines_box), ("answer_bad_shape", _m_answer_shape), ("invalid_json", _m_invalid_json),
           ("binary_file", _m_binary)]


# ---- rubric cases -----------------------------------------------------------------------------

GOOD_RUBRIC = """id = "x{n}"
name = "X"
lens = "Lens?"
[[criteria]]
id = "c"
label = "c"
weight = {weight}
any = [{pattern}]
"""


def _rubric_case(name: str, make: Callable[[Path], None], budget: float = 60) -> Case:
    def build(d: Path) -> list[list]:
        a, b = products(d)
        (d / "rubrics").mkdir()
        make(d / "rubrics")
        return [cli("compare", str(a), str(b), "--backend", "ocr", "--rubrics", str(d / "rubrics"), "--out",
                    str(d / "out"), "--no-save")]

    return Case(name, "rubric", build, budget=budget)


def _r_latin1(r):
    (r / "a.toml").write_bytes(GOOD_RUBRIC.format(n=1, weight=1, pattern="'caf\xe9'").encode("latin-1"))


def _r_utf16(r):
    (r / "a.toml").write_bytes(GOOD_RUBRIC.format(n=1, weight=1, pattern="'x'").encode("utf-16"))


def _r_dir(r):
    (r / "a.toml").mkdir()


def _r_loop(r):
    os.symlink(r / "b.toml", r / "a.toml")
    os.symlink(r / "a.toml", r / "b.toml")


def _r_deep(r):
    (r / "a.toml").write_text("x = " + "[" * 50_000 + "]" * 50_000 + "\n")


def _r_inf(r):
    (r / "a.toml").write_text(GOOD_RUBRIC.format(n=1, weight="inf", pattern="'API'"))


def _r_nan(r):
    (r / "a.toml").write_text(GOOD_RUBRIC.format(n=1, weight="nan", pattern="'API'"))


def _r_redos(r):
    (r / "a.toml").write_text(GOOD_RUBRIC.format(n=1, weight=1, pattern="'^(.+)+!$'"))


def _r_huge(r):
    (r / "a.toml").write_text(GOOD_RUBRIC.format(n=1, weight=1, pattern="'x'") + "# " + "y" * 30_000_000 + "\n")


def _r_bad_regex(r):
    (r / "a.toml").write_text(GOOD_RUBRIC.format(n=1, weight=1, pattern="'(unclosed'"))


def _r_many_patterns(r):
    pats = ", ".join(f"'w{i}x'" for i in range(20_000))
    (r / "a.toml").write_text(GOOD_RUBRIC.format(n=1, weight=1, pattern=pats))


RUBRICS = [("rubric_latin1", _r_latin1), ("rubric_utf16", _r_utf16), ("rubric_dir_named_toml", _r_dir),
           ("rubric_symlink_loop", _r_loop), ("rubric_deep_nesting", _r_deep), ("rubric_inf_weight", _r_inf),
           ("rubric_nan_weight", _r_nan), ("rubric_backtracking_regex", _r_redos), ("rubric_huge_file", _r_huge),
           ("rubric_bad_regex", _r_bad_regex), ("rubric_many_patterns", _r_many_patterns)]


# ---- image cases ------------------------------------------------------------------------------


def _image_case(name: str, make: Callable[[Path], Path], budget: float = 60, check=None) -> Case:
    def build(d: Path) -> list[list]:
        return [cli("extract", str(make(d)), "--backend", "ocr", "--json")]

    return Case(name, "image", build, budget=budget, check=check)


def _i_wide(d):
    from PIL import Image

    Image.new("RGB", (20000, 20), "white").save(d / "wide.png")
    return d / "wide.png"


def _i_tall(d):
    from PIL import Image

    Image.new("RGB", (20, 20000), "white").save(d / "tall.png")
    return d / "tall.png"


def _i_16bit(d):
    return page(d / "gray16.png", A_LINES, mode="I;16")


def _i_cmyk(d):
    return page(d / "cmyk.jpg", A_LINES, mode="CMYK")


def _i_truncated(d):
    p = page(d / "full.png", A_LINES)
    (d / "trunc.png").write_bytes(p.read_bytes()[:2000])
    return d / "trunc.png"


def _i_escape_name(d):
    return d / "missing\x1b]0;pwned\x07.png"


def _i_escape_name_bad(d):
    p = d / "bad\x1b[2Jname.png"
    p.write_bytes(b"not an image")
    return p


def _i_big_text(d):
    """An all-text page of ~38 MP (the issue's 211 s, 2.1 GB)."""
    from PIL import Image, ImageDraw

    w, h = 3800, 10000
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    font = _font(22)
    line = "Pricing tier Pro costs $20/mo and includes an API for agents " * 3
    for y in range(10, h - 30, 30):
        draw.text((10, y), line, fill=0, font=font)
    img.save(d / "big.png")
    return d / "big.png"


def _i_long_2x(d):
    """A long 2x capture (2560 x 9000): must still read."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (2560, 9000), "white")
    draw = ImageDraw.Draw(img)
    font = _font(56)
    draw.text((80, 60), "Acme Coder", fill="black", font=font)
    draw.text((80, 8600), "Pro $20/mo", fill="black", font=font)
    img.save(d / "long.png")
    return d / "long.png"


def _reads_name(want: str):
    def check(d: Path, results: list) -> list[str]:
        out = results[-1]["stdout"]
        try:
            name = json.loads(out).get("name") or ""
        except ValueError:
            name = ""
        return [] if want.lower() in name.lower() else ["unread"]

    return check


IMAGES = [("image_20000x20", _i_wide, 60, None), ("image_20x20000", _i_tall, 60, None),
          ("image_16bit_gray", _i_16bit, 60, _reads_name("Acme")), ("image_cmyk_jpeg", _i_cmyk, 60, _reads_name("Acme")),
          ("image_truncated", _i_truncated, 60, None), ("filename_osc_missing", _i_escape_name, 60, None),
          ("filename_escape_not_image", _i_escape_name_bad, 60, None), ("image_38mp_text", _i_big_text, 120, None),
          ("image_long_2x", _i_long_2x, 120, _reads_name("Acme"))]


# ---- questions --------------------------------------------------------------------------------


def _q_case(name: str, question) -> Case:
    def build(d: Path) -> list[list]:
        return [*_seed(d), cli("ask", "1", question(d) if callable(question) else question)]

    return Case(name, "question", build, budget=60)


QUESTIONS = [("question_100kb", "Which is cheaper " * 6000), ("question_invalid_utf8", b"price \xff\xfe?"),
             ("question_120kb_words", "a " * 60_000)]


# ---- homes, outputs and ids -------------------------------------------------------------------


def _c_home_file(d):
    (d / "homefile").write_text("x")
    return [cli("history")]


def _c_out_file(d):
    a, b = products(d)
    (d / "outfile").write_text("x")
    return [cli("compare", str(a), str(b), "--backend", "ocr", "--out", str(d / "outfile"), "--no-save")]


def _c_export_dot(d):
    return [*_seed(d), cli("export", "--all", "--out", ".")]


def _c_huge_id(d):
    return [*_seed(d), cli("show", "99999999999999999999999"), cli("vote", "99999999999999999999999", "1", "up"),
            cli("ask", "99999999999999999999", "price?")]


def _c_escalate_no_screens(d):
    return [*_seed(d), ["rmtree", "home/screens"], cli("escalate", "1", "--yes", "--claude-timeout", "2")]


def _c_readonly(d):
    a, b = products(d)
    return [["mount_ro", "rohome"], cli("compare", str(a), str(b), "--backend", "ocr", "--out", str(d / "out"),
                                        "--format", "md,json")]


def _c_full(d):
    a, b = products(d)
    return [*_seed(d), ["mount_full", "home"], cli("compare", str(a), str(b), "--backend", "ocr", "--out",
                                                   str(d / "out"), "--format", "md,json"),
            ["umount", "home"], cli("history")]


def _cards_written(d: Path, results: list) -> list[str]:
    return [] if (d / "out" / "card.json").is_file() else ["lost"]


def _leftovers(d: Path, results: list) -> list[str]:
    found = _cards_written(d, results)
    left = [p for p in (d / "home").rglob("*.part")] if (d / "home").exists() else []
    return found + (["leftover"] if left else [])


def _c_ui_host(d):
    return [["ui_probe"]]


def _c_md_from_page(d):
    a = page(d / "a.png", ["<script>alert(1)</script>", "Evil AI", '<img src=x onerror="alert(1)">',
                          "[docs](javascript:alert(1))"])
    b = page(d / "b.png", B_LINES)
    return [cli("compare", str(a), str(b), "--backend", "ocr", "--out", str(d / "out"), "--format", "md", "--no-save")]


def _md_clean(d: Path, results: list) -> list[str]:
    md = (d / "out" / "card.md").read_text() if (d / "out" / "card.md").is_file() else ""
    return ["escapes"] if _raw_markup(md) else []


def _raw_markup(md: str) -> bool:
    """HTML tags or javascript: links that a Markdown viewer would render."""
    return bool(re.search(r"<\s*(script|img|iframe|svg|a)\b|\]\(\s*javascript:", md, re.IGNORECASE))


OTHERS = [Case("shipcard_home_is_a_file", "home", _c_home_file, env={"SHIPCARD_HOME": "{d}/homefile"}),
          Case("out_is_a_file", "output", _c_out_file),
          Case("export_out_dot", "output", _c_export_dot),
          Case("huge_numeric_id", "ids", _c_huge_id),
          Case("escalate_screens_removed", "claude", _c_escalate_no_screens,
               env={"ANTHROPIC_API_KEY": "sk-test", "ANTHROPIC_BASE_URL": "http://127.0.0.1:{closed}"}),
          Case("readonly_home", "home", _c_readonly, env={"SHIPCARD_HOME": "{d}/rohome"}, check=_cards_written,
               root=True),
          Case("full_disk_home", "home", _c_full, check=_leftovers, root=True, budget=90),
          Case("ui_foreign_host", "ui", _c_ui_host, budget=90),
          Case("markdown_from_page_text", "output", _c_md_from_page, check=_md_clean)]


# ---- Claude: slow, silent and rate-limiting servers on loopback -------------------------------


class _Slow(http.server.BaseHTTPRequestHandler):
    mode = "slow"

    def do_POST(self):
        self.rfile.read(int(self.headers.get("content-length", 0)))
        if self.server.mode == "silent":
            time.sleep(600)
        elif self.server.mode == "retry":
            self.send_response(429)
            self.send_header("retry-after", "3600")
            self.send_header("content-type", "application/json")
            body = b'{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}'
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:  # one byte a second, headers included
            reply = (b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 200\r\n\r\n" + b" " * 200)
            with contextlib.suppress(OSError):  # the client gave up
                for byte in reply:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(1)

    def log_message(self, *a):
        pass


def serve(mode: str) -> int:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    server.mode = mode
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]


def _claude_case(name: str, mode: str, args: Callable[[Path], list]) -> Case:
    def build(d: Path) -> list[list]:
        return [*_seed(d), args(d)]

    return Case(name, "claude", build, budget=45,
                env={"ANTHROPIC_API_KEY": "sk-test", "ANTHROPIC_BASE_URL": "http://127.0.0.1:{" + mode + "}"})


def _compare_escalate(d):
    a, b = products(d)
    return cli("compare", str(a), str(b), "--backend", "ocr", "--out", str(d / "out2"), "--escalate", "--yes",
               "--claude-timeout", "3", "--no-save")


CLAUDE = [_claude_case("claude_one_byte_a_second", "slow", lambda d: cli("escalate", "1", "--yes", "--claude-timeout", "3")),
          _claude_case("claude_retry_after_3600", "retry", lambda d: cli("escalate", "1", "--yes", "--claude-timeout", "5")),
          _claude_case("claude_silent_compare_escalate", "silent", _compare_escalate),
          _claude_case("claude_ask_slow", "slow", lambda d: cli("ask", "1", "price?", "--escalate", "--yes",
                                                                  "--claude-timeout", "3"))]


def all_cases() -> list[Case]:
    cases = [_import_case(n, m) for n, m in IMPORTS]
    cases += [_rubric_case(n, m) for n, m in RUBRICS]
    cases += [_image_case(n, m, b, c) for n, m, b, c in IMAGES]
    cases += [_q_case(n, q) for n, q in QUESTIONS]
    return cases + OTHERS + CLAUDE


# ---- running ----------------------------------------------------------------------------------


def run_case(case: Case, repo: Path, ports: dict) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"corpus-{case.name}-") as tmp:
        d = Path(tmp)
        (d / "HOME").mkdir()
        audit = d / "audit.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SHIPCARD", "ANTHROPIC", "ORT_"))}
        env |= {"HOME": str(d / "HOME"), "SHIPCARD_HOME": str(d / "home"), "SHIPCARD_AUDIT_LOG": str(audit),
                "PYTHONPATH": os.pathsep.join([str(HERE / "audit_site"), str(repo)]), "COLUMNS": "200",
                "HF_HUB_OFFLINE": "1", "NO_COLOR": "1", "TMPDIR": str(d)}
        env |= {k: v.format(d=d, **ports) for k, v in case.env.items()}
        started = time.monotonic()
        results, findings, mounts = [], [], []
        try:
            for argv in case.build(d):
                left = case.budget - (time.monotonic() - started)
                step = _step(case, argv, d, env, repo, left, mounts)
                if step is not None:
                    results.append(step)
                    findings += step["findings"]
                    if "hang" in step["findings"]:
                        break
            if case.check and "hang" not in findings:
                findings += case.check(d, results)
        finally:
            for m in reversed(mounts):
                subprocess.run(["umount", "-l", str(m)], check=False, capture_output=True)
        findings += _outside(audit, d, repo)
        if any("microsoft" in str(p).lower() for p in (d / "HOME").rglob("*")):
            findings.append("telemetry")
        return {"name": case.name, "area": case.area, "seconds": round(time.monotonic() - started, 1),
                "findings": sorted(set(findings)), "last": results[-1]["tail"] if results else ""}


def _step(case, argv, d: Path, env, repo: Path, left: float, mounts: list) -> dict | None:
    if argv[0] == "seed":
        seed = _make_seed(env, repo)
        shutil.copytree(seed / "home", d / "home", dirs_exist_ok=True)
        shutil.copy(seed / "export.json", d / "export.json")
        return None
    if argv[0] == "mutate":
        _mutate(case, d)
        return None
    if argv[0] == "rmtree":
        shutil.rmtree(d / argv[1], ignore_errors=True)
        return None
    if argv[0] in ("mount_ro", "mount_full"):
        _mount(d / argv[1], argv[0] == "mount_ro", mounts)
        return None
    if argv[0] == "umount":
        subprocess.run(["umount", "-l", str(d / argv[1])], check=False)
        mounts.remove(d / argv[1])
        return None
    if argv[0] == "ui_probe":
        return _ui_probe(d, env, repo, left)
    try:
        done = subprocess.run(argv, env=env, cwd=d, capture_output=True, timeout=max(1.0, left), check=False)
    except subprocess.TimeoutExpired:
        return {"argv": _show(argv), "findings": ["hang"], "tail": f"killed after {left:.0f} s", "stdout": ""}
    except OSError as exc:  # the case itself cannot run (e.g. an argument over the kernel's limit)
        return {"argv": _show(argv), "findings": ["corpus_error"], "tail": str(exc), "stdout": ""}
    stderr = done.stderr.decode("utf-8", "replace")
    stdout = done.stdout.decode("utf-8", "replace")
    findings = []
    if "Traceback (most recent call last)" in stderr:
        findings.append("traceback")
    if ESC in stderr or ESC in stdout:
        findings.append("escapes")
    md = stdout if "--format" in argv and "md" in argv else ""
    if _raw_markup(md):
        findings.append("escapes")
    if len([ln for ln in stderr.splitlines() if ln.startswith("error:")]) > 1:
        findings.append("many_lines")
    if "No such option" in stderr or "Usage:" in stderr:  # an option the command lacks: a usage box, not one line
        findings.append("usage")
    return {"argv": _show(argv), "rc": done.returncode, "findings": findings, "stdout": stdout,
            "tail": (stderr.strip().splitlines() or [""])[-1][:300]}


def _show(argv) -> str:
    return " ".join(a.decode("latin-1") if isinstance(a, bytes) else str(a) for a in argv[2:])[:160]


def _mutate(case, d: Path) -> None:
    mutate, _ = case.mutate
    data = base_export(d)
    changed = mutate(data)
    if changed is None:
        changed = json.dumps(data)
    (d / "bad.json").write_bytes(changed if isinstance(changed, bytes) else changed.encode())


def _mount(path: Path, readonly: bool, mounts: list) -> None:
    path.mkdir(parents=True, exist_ok=True)
    if readonly:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(path)], check=True)
    else:  # copy the home onto a small tmpfs, then fill it
        keep = Path(tempfile.mkdtemp(dir=path.parent))
        shutil.copytree(path, keep, dirs_exist_ok=True)
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(path)], check=True)
        shutil.copytree(keep, path, dirs_exist_ok=True)
        with contextlib.suppress(OSError), open(path / "filler", "wb") as f:
            while True:
                f.write(b"\0" * 4096)
    mounts.append(path)


def _ui_probe(d: Path, env: dict, repo: Path, left: float) -> dict:
    port = _free_port()
    code = f"import time, ui.app as a; a.launch(a.build_app('ocr'), port={port}, block=False); time.sleep(600)"
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, cwd=d, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    findings, tail = [], ""
    try:
        deadline = time.monotonic() + min(left, 80)
        while time.monotonic() < deadline:
            try:
                status = _get(port, f"127.0.0.1:{port}")
                break
            except OSError:
                time.sleep(0.5)
        else:
            return {"argv": "ui", "findings": ["hang"], "tail": "UI did not start", "stdout": ""}
        for path in ("/", "/config", "/gradio_api/info"):
            status = _get(port, "evil.example", path, origin="http://evil.example")
            tail += f"{path}: {status}  "
            if 200 <= status < 300:
                findings.append("foreign")
        return {"argv": "ui", "findings": findings, "tail": tail, "stdout": ""}
    finally:
        proc.kill()
        proc.wait()


def _get(port: int, host: str, path: str = "/", origin: str | None = None) -> int:
    conn = socket.create_connection(("127.0.0.1", port), timeout=10)
    with conn:
        req = f"GET {path} HTTP/1.1\r\nHost: {host}\r\n" + (f"Origin: {origin}\r\n" if origin else "") + \
              "Connection: close\r\n\r\n"
        conn.sendall(req.encode())
        head = conn.recv(64).decode("latin-1")
    return int(head.split()[1])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _outside(audit: Path, d: Path, repo: Path) -> list[str]:
    if not audit.exists():
        return []
    allowed = [str(d), str(repo), sys.prefix, sys.base_prefix, "/usr/lib", "/usr/share", "/usr/local/lib", "/proc",
               "/sys", "/dev", "/etc/localtime", "/etc/ld.so", "/etc/mime.types", "/etc/ssl", "/etc/os-release",
               "/usr/lib/os-release", str(ROOT / ".venv"), str(HERE)]
    allowed += [p for p in sys.path if p]
    bad = [p for p in audit.read_text().splitlines() if p and "__editable__" not in p and not any(p == a or p.startswith(a.rstrip("/") + "/")
                                                                       for a in allowed)]
    return [f"outside:{bad[0]}"] if bad else []


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repo", type=Path, default=ROOT)
    ap.add_argument("--only", default="", help="run the cases whose name holds this text (comma: any of several)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    ports = {"slow": serve("slow"), "silent": serve("silent"), "retry": serve("retry"), "closed": _free_port()}
    is_root = os.geteuid() == 0
    wanted = args.only.split(",")
    cases = [c for c in all_cases() if any(w in c.name for w in wanted) and (is_root or not c.root)]
    rows = []
    for case in cases:
        row = run_case(case, args.repo.resolve(), ports)
        rows.append(row)
        print(f"{row['name']:34} {row['seconds']:6.1f}s  {','.join(row['findings']) or 'ok':28} {row['last'][:110]}",
              flush=True)
    print(summary(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


def summary(rows: list[dict]) -> str:
    def count(key):
        return sum(any(f == key or f.startswith(key + ":") for f in r["findings"]) for r in rows)

    keys = ["traceback", "hang", "outside", "telemetry", "foreign", "lost", "escapes", "many_lines", "usage", "unread",
            "leftover", "corpus_error"]
    return f"{len(rows)} cases: " + ", ".join(f"{k} {count(k)}" for k in keys)


if __name__ == "__main__":
    main()
