"""The bad-input corpus of issue 11: hostile files, broken homes, slow servers and foreign Hosts, run against the CLI.

    python scripts/hardening/corpus.py [--repo DIR] [--only NAME] [--json OUT]

Issue 23's cases (cases_hostile.py) add hostile served engines, batch, import, export --labeled and the UI's
file route; each command's peak memory (ru_maxrss from wait4) is recorded, the largest per case reported.

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
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cases_hostile import hostile_cases, servers
from cases_image import IMAGES, _image_case
from cases_import import IMPORTS, _import_case
from cases_other import CLAUDE, OTHERS, QUESTIONS, _q_case, serve
from cases_rubric import RUBRICS, _rubric_case
from corpus_base import ESC, HERE, ROOT, Case, _raw_markup, base_export, cli, products

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


def all_cases(ports: dict) -> list[Case]:
    cases = [_import_case(n, m) for n, m in IMPORTS]
    cases += [_rubric_case(n, m) for n, m in RUBRICS]
    cases += [_image_case(n, m, b, c) for n, m, b, c in IMAGES]
    cases += [_q_case(n, q) for n, q in QUESTIONS]
    return cases + OTHERS + CLAUDE + hostile_cases(ports)


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
        case.ports = ports  # type: ignore[attr-defined]  # placeholders in a command's arguments too
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
        peak = max((r.get("peak_mb", 0.0) for r in results), default=0.0)
        return {"name": case.name, "area": case.area, "seconds": round(time.monotonic() - started, 1),
                "findings": sorted(set(findings)), "last": results[-1]["tail"] if results else "",
                "peak_mb": round(peak, 1)}


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
    if argv[0] == "ui_files_probe":
        return _ui_files_probe(d, env, left)
    if argv[0] == "parallel":
        return _parallel(case, argv[1:], d, env, left)
    argv = _filled(case, argv)
    try:
        rc, stdout_b, stderr_b, peak = _measured(argv, env, d, max(1.0, left))
    except subprocess.TimeoutExpired:
        return {"argv": _show(argv), "findings": ["hang"], "tail": f"killed after {left:.0f} s", "stdout": ""}
    except OSError as exc:  # the case itself cannot run (e.g. an argument over the kernel's limit)
        return {"argv": _show(argv), "findings": ["corpus_error"], "tail": str(exc), "stdout": ""}
    return _scored(argv, rc, stdout_b, stderr_b, peak)


def _filled(case, argv: list) -> list:
    ports = getattr(case, "ports", {})
    return [a.format(**ports) if isinstance(a, str) and "{h_" in a else a for a in argv]


def _measured(argv, env, cwd: Path, timeout: float) -> tuple[int, bytes, bytes, float]:
    """Run `argv`; (rc, stdout, stderr, its peak RSS in MB from wait4). TimeoutExpired after killing it."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                preexec_fn=_bounded)
        ends = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > ends:
                proc.kill()
                os.wait4(proc.pid, 0)
                proc.returncode = -9
                raise subprocess.TimeoutExpired(argv, timeout)
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return proc.returncode, out.read(), err.read(), usage.ru_maxrss / 1024


MEMORY_LIMIT_GB = 8.0  # address space per command: old code read /dev/zero until the machine ran out


def _bounded() -> None:
    import resource

    limit = int(MEMORY_LIMIT_GB * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _parallel(case, argvs: list, d: Path, env, left: float) -> dict:
    """Two commands started together (two batches on one --out); scored as one step."""
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(len(argvs)) as pool:
        futures = [pool.submit(_measured, _filled(case, a), env, d, max(1.0, left)) for a in argvs]
        try:
            done = [f.result() for f in futures]
        except subprocess.TimeoutExpired:
            return {"argv": "parallel", "findings": ["hang"], "tail": f"killed after {left:.0f} s", "stdout": ""}
    steps = [_scored(a, *r) for a, r in zip(argvs, done, strict=True)]
    return {"argv": "parallel", "findings": [f for s in steps for f in s["findings"]], "rc": [s["rc"] for s in steps],
            "tail": " | ".join(s["tail"] for s in steps), "stdout": "", "stderr": "".join(s["stderr"] for s in steps),
            "peak_mb": max(s["peak_mb"] for s in steps)}


def _scored(argv, rc: int, stdout_b: bytes, stderr_b: bytes, peak: float) -> dict:
    stderr = stderr_b.decode("utf-8", "replace")
    stdout = stdout_b.decode("utf-8", "replace")
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
    if peak > 1024:  # the target: every case under 1 GB
        findings.append("memory")
    if "No such option" in stderr or "Usage:" in stderr:  # an option the command lacks: a usage box, not one line
        findings.append("usage")
    return {"argv": _show(argv), "rc": rc, "findings": findings, "stdout": stdout, "stderr": stderr,
            "tail": (stderr.strip().splitlines() or [""])[-1][:300], "peak_mb": peak}


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


def _ui_files_probe(d: Path, env: dict, left: float) -> dict:
    """The UI's file route given a FIFO and /etc/passwd with its own Host: refused, and / still answers at once."""
    port = _free_port()
    code = f"import time, ui.app as a; a.launch(a.build_app('ocr'), port={port}, block=False); time.sleep(600)"
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, cwd=d, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    host = f"127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + min(left, 80)
        while time.monotonic() < deadline:
            try:
                _get(port, host)
                break
            except OSError:
                time.sleep(0.5)
        else:
            return {"argv": "ui files", "findings": ["hang"], "tail": "UI did not start", "stdout": ""}
        findings, tail = [], ""
        for path in (f"/gradio_api/file={d / 'pipe'}", "/gradio_api/file=/etc/passwd"):
            with contextlib.suppress(OSError):  # a FIFO that blocks the loop: the request times out
                status = _get(port, host, path)
                tail += f"{path.rsplit('/', 1)[-1]}: {status}  "
                if 200 <= status < 300:
                    findings.append("served")
        try:
            _get(port, host)  # every other user: answered, not stuck behind the FIFO
        except OSError:
            findings.append("hang")
        return {"argv": "ui files", "findings": findings, "tail": tail, "stdout": ""}
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
    ports |= servers()
    is_root = os.geteuid() == 0
    wanted = args.only.split(",")
    cases = [c for c in all_cases(ports) if any(w in c.name for w in wanted) and (is_root or not c.root)]
    rows = []
    for case in cases:
        row = run_case(case, args.repo.resolve(), ports)
        rows.append(row)
        print(f"{row['name']:34} {row['seconds']:6.1f}s {row['peak_mb']:7.0f} MB  {','.join(row['findings']) or 'ok':28} "
              f"{row['last'][:110]}", flush=True)
    print(summary(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


def summary(rows: list[dict]) -> str:
    def count(key):
        return sum(any(f == key or f.startswith(key + ":") for f in r["findings"]) for r in rows)

    keys = ["traceback", "hang", "outside", "telemetry", "foreign", "lost", "escapes", "many_lines", "usage", "unread",
            "leftover", "corpus_error", "leak", "followed", "duplicated", "wedged", "written_outside", "bidi", "served", "memory"]
    clean = sum(not r["findings"] for r in rows)
    peak = max((r.get("peak_mb", 0.0) for r in rows), default=0.0)
    return (f"{len(rows)} cases, {clean} clean, peak memory {peak:.0f} MB: "
            + ", ".join(f"{k} {count(k)}" for k in keys))


if __name__ == "__main__":
    main()
