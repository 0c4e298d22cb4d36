"""Issue 23's cases of the bad-input corpus (scripts/hardening/corpus.py): the surfaces added after issue 11.

    served engine   a hostile OpenAI-compatible server (tests/openai_standin.py's hostile modes): slow headers,
                    a 2 GiB body, a gzip bomb inflating to 2 GiB, a redirect, a 500 echoing the key; URLs
                    that are not http
    Claude          the same server behind ANTHROPIC_BASE_URL (redirect, bomb, huge body)
    batch           a 6 GiB sparse file, /etc/shadow, a FIFO, ids that are the batch's own files, two batches on
                    one --out at once, invalid UTF-8, 100,000 nested '[', --out a file
    import          /dev/zero, /dev/urandom, a FIFO
    export          --labeled over a corpus, through a planted link, to /dev/null and a read-only folder
    others          compare with 50 products, SHIPCARD_HOME/screens a file, a card title with U+202E, the UI's
                    file route given a FIFO and /etc/passwd

Servers run in the corpus's own process (`servers()`), one per mode, for every case.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from corpus_base import ROOT, Case, _seed, cli, products

SECRET = "sk-corpus-SECRET-4242"
MODES = ("slow_headers", "huge", "gzip_bomb", "redirect", "echo", "ok")


def servers() -> dict:
    """A hostile stand-in per mode (redirects point at the `ok` one, whose requests `followed` counts)."""
    sys.path.insert(0, str(ROOT))
    from tests.openai_standin import StandIn

    ok = StandIn("ok")
    found = {"h_ok": ok.server.server_address[1], "_ok": ok}
    for mode in MODES[:-1]:
        stand = StandIn(mode, redirect_to=f"http://127.0.0.1:{found['h_ok']}/v1/messages")
        found[f"h_{mode}"] = stand.server.server_address[1]
    return found


def _manifest(d: Path, rows: list[dict]) -> Path:
    path = d / "m.jsonl"
    path.write_bytes(b"".join(json.dumps(r).encode() + b"\n" for r in rows))
    return path


def _two(d: Path) -> Path:
    products(d)
    return _manifest(d, [{"products": [["a.png"], ["b.png"]]}])


def _served(mode: str, timeout: str = "5"):
    """A batch against the hostile server; the big bodies get a long --timeout, so the cap, not the clock, ends them."""
    def build(d: Path) -> list[list]:
        return [cli("batch", str(_two(d)), "--out", str(d / "out"), "--backend", "openai", "--base-url",
                    "http://127.0.0.1:{h_" + mode + "}/v1", "--timeout", timeout, "--api-key-env", "CORPUS_KEY")]

    return build


def _url(url: str):
    def build(d: Path) -> list[list]:
        return [cli("batch", str(_two(d)), "--out", str(d / "out"), "--backend", "openai", "--base-url", url)]

    return build


def _claude(mode: str, check=None) -> Case:
    def build(d: Path) -> list[list]:
        return [*_seed(d), cli("escalate", "1", "--yes", "--claude-timeout", "60")]

    return Case(f"claude_{mode}", "claude", build, budget=90, check=check,
                env={"ANTHROPIC_API_KEY": SECRET, "ANTHROPIC_BASE_URL": "http://127.0.0.1:{h_" + mode + "}"})


# ---- batch ----------------------------------------------------------------------------------------------


def _b_sparse(d):
    products(d)
    with open(d / "huge.png", "wb") as f:
        f.truncate(6 * 2**30)  # 6 GiB on paper, nothing on disk
    return [cli("batch", str(_manifest(d, [{"products": [["huge.png"], ["b.png"]]}])), "--out", str(d / "out"),
                "--backend", "ocr", "--no-save")]


def _b_shadow(d):
    products(d)
    return [cli("batch", str(_manifest(d, [{"products": [["/etc/shadow"], ["b.png"]]}])), "--out", str(d / "out"),
                "--backend", "ocr", "--no-save")]


def _b_fifo_row(d):
    products(d)
    os.mkfifo(d / "pipe.png")
    return [cli("batch", str(_manifest(d, [{"products": [["pipe.png"], ["b.png"]]}])), "--out", str(d / "out"),
                "--backend", "ocr", "--no-save")]


def _b_reserved_ids(d):
    m = _two(d)
    rows = [{"id": i, "products": [["a.png"], ["b.png"]]} for i in ("results.jsonl", "summary.json")]
    m.write_text("".join(json.dumps(r) + "\n" for r in rows))
    run = cli("batch", str(m), "--out", str(d / "out"), "--backend", "ocr", "--no-save", "--format", "json")
    return [run, run]


def _wedged(d: Path, results: list) -> list[str]:
    wedged = not (d / "out" / "results.jsonl").is_file() or any(r.get("rc") not in (0,) for r in results)
    return ["wedged"] if wedged else []


def _b_two_at_once(d):
    m = _manifest(d, [{"id": f"r{i}", "products": [["a.png"], ["b.png"]]} for i in range(1)])
    products(d)
    run = cli("batch", str(m), "--out", str(d / "out"), "--backend", "ocr", "--no-save", "--format", "json")
    return [["parallel", run, run]]


def _duplicated(d: Path, results: list) -> list[str]:
    path = d / "out" / "results.jsonl"
    done = [json.loads(x)["key"] for x in path.read_text().splitlines() if '"done"' in x] if path.is_file() else []
    return ["duplicated"] if len(done) != len(set(done)) else []


def _b_utf8(d):
    (d / "m.jsonl").write_bytes(b'{"products": [["caf\xe9.png"]]}\n')
    return [cli("batch", str(d / "m.jsonl"), "--out", str(d / "out"), "--backend", "ocr")]


def _b_nested(d):
    (d / "m.jsonl").write_text("[" * 100_000 + "\n")
    return [cli("batch", str(d / "m.jsonl"), "--out", str(d / "out"), "--backend", "ocr")]


def _b_out_file(d):
    (d / "outfile").write_text("x")
    return [cli("batch", str(_two(d)), "--out", str(d / "outfile"), "--backend", "ocr")]


# ---- import and export ------------------------------------------------------------------------------------


def _import(what: str):
    def build(d: Path) -> list[list]:
        path = what
        if what == "fifo":
            path = str(d / "pipe.json")
            os.mkfifo(path)
        return [cli("import", path)]

    return build


def _fixed(d) -> list[list]:
    return [*_seed(d), cli("fix", "1", "open_weights", "no", "--product", "1")]


def _e_overwrite(d):
    out = d / "labels"
    out.mkdir()
    (out / "truth.json").write_text(json.dumps({f"user/x{i}.png": {"name": str(i)} for i in range(51)}))
    return [*_fixed(d), cli("export", "--all", "--labeled", "--out", str(out))]


def _corpus_kept(d: Path, results: list) -> list[str]:
    truth = json.loads((d / "labels" / "truth.json").read_text())
    return [] if len(truth) == 51 else ["lost"]


def _e_symlink(d):
    out, away = d / "labels", d / "away"
    out.mkdir()
    away.mkdir()
    (out / "screens").symlink_to(away)
    return [*_fixed(d), cli("export", "--all", "--labeled", "--out", str(out))]


def _nothing_away(d: Path, results: list) -> list[str]:
    return ["written_outside"] if any((d / "away").iterdir()) else []


def _e_devnull(d):
    return [*_fixed(d), cli("export", "--all", "--labeled", "--out", "/dev/null")]


def _e_readonly(d):
    return [*_fixed(d), ["mount_ro", "ro"], cli("export", "--all", "--labeled", "--out", str(d / "ro"))]


# ---- others -----------------------------------------------------------------------------------------------


def _o_fifty(d):
    a, _ = products(d)
    return [cli("compare", *[str(a)] * 50, "--backend", "ocr", "--no-save", "--out", str(d / "out"), "--format", "png")]


def _o_screens_file(d):
    a, b = products(d)
    (d / "home").mkdir()
    (d / "home" / "screens").write_text("x")
    return [cli("compare", str(a), str(b), "--backend", "ocr", "--out", str(d / "out"), "--format", "json")]


def _card_written(d: Path, results: list) -> list[str]:
    return [] if (d / "out" / "card.json").is_file() else ["lost"]


def _bidi_title(data: dict) -> None:
    card = data["cards"][0]["comparison"]
    card["title"] = "Acme \u202eredoC vs Brio"
    card["products"][0]["facts"]["name"] = "Acme \u202eredoC"


def _o_bidi(d):
    return [*_seed(d), ["mutate"], cli("import", str(d / "bad.json")), cli("show", "2", "--format", "html", "--out",
                                                                           str(d / "out"))]


def _no_bidi(d: Path, results: list) -> list[str]:
    html = "".join(p.read_text() for p in (d / "out").glob("*.html")) if (d / "out").is_dir() else ""
    return ["bidi"] if not html or any(c in html for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069") else []


def _o_ui_files(d):
    os.mkfifo(d / "pipe")
    return [["ui_files_probe"]]


def _leak(d: Path, results: list) -> list[str]:
    said = "".join(r.get("tail", "") + r.get("stdout", "") + r.get("stderr", "") for r in results)
    return ["leak"] if SECRET in said or "SECRET-Q" in said else []


def _followed(ports: dict):
    before = {"n": 0}

    def check(d: Path, results: list) -> list[str]:
        n = len(ports["_ok"].requests)
        found = ["followed"] if n > before["n"] else []
        before["n"] = n
        return found

    return check


def _wrong_timeout(d: Path, results: list) -> list[str]:
    tail = results[-1]["tail"] if results else ""
    return ["wrong_timeout"] if "within" in tail and "within 5 s" not in tail else []


def _both(*checks):
    return lambda d, results: [f for c in checks for f in c(d, results)]


def hostile_cases(ports: dict) -> list[Case]:
    env = {"CORPUS_KEY": SECRET}
    followed = _followed(ports)
    bidi = Case("html_title_bidi", "output", _o_bidi, check=_no_bidi)
    bidi.mutate = (_bidi_title, False)  # type: ignore[attr-defined]
    return [
        Case("served_slow_headers", "served", _served("slow_headers"), budget=60, env=env,
             check=_both(_leak, _wrong_timeout)),
        Case("served_huge_body", "served", _served("huge", "60"), budget=90, env=env, check=_leak),
        Case("served_gzip_bomb", "served", _served("gzip_bomb", "60"), budget=90, env=env, check=_leak),
        Case("served_redirect", "served", _served("redirect"), budget=60, env=env, check=_both(_leak, followed)),
        Case("served_echoes_key", "served", _served("echo"), budget=60, env=env, check=_leak),
        Case("base_url_key_in_query", "served", _url("http://127.0.0.1:{h_echo}/v1?key=SECRET-Q"), check=_leak),
        Case("base_url_file", "served", _url("file:///etc/passwd")),
        Case("base_url_ftp", "served", _url("ftp://127.0.0.1/v1")),
        Case("base_url_no_scheme", "served", _url("127.0.0.1:8080/v1")),
        Case("base_url_bad_ipv6", "served", _url("http://[::1/v1")),
        _claude("redirect", followed), _claude("gzip_bomb"), _claude("huge"),
        Case("batch_sparse_6gib", "batch", _b_sparse, budget=120),
        Case("batch_row_etc_shadow", "batch", _b_shadow),
        Case("batch_row_fifo", "batch", _b_fifo_row),
        Case("batch_reserved_ids", "batch", _b_reserved_ids, budget=120, check=_wedged),
        Case("batch_two_at_once", "batch", _b_two_at_once, budget=120, check=_duplicated),
        Case("batch_manifest_invalid_utf8", "batch", _b_utf8),
        Case("batch_manifest_nested", "batch", _b_nested),
        Case("batch_out_is_a_file", "batch", _b_out_file),
        Case("import_dev_zero", "import", _import("/dev/zero"), budget=30),
        Case("import_dev_urandom", "import", _import("/dev/urandom"), budget=30),
        Case("import_fifo", "import", _import("fifo"), budget=30),
        Case("export_labeled_overwrite", "export", _e_overwrite, check=_corpus_kept),
        Case("export_labeled_symlink", "export", _e_symlink, check=_nothing_away),
        Case("export_labeled_dev_null", "export", _e_devnull),
        Case("export_labeled_readonly", "export", _e_readonly, root=True),
        Case("compare_50_products", "output", _o_fifty, budget=300),
        Case("screens_is_a_file", "home", _o_screens_file, check=_card_written),
        bidi,
        Case("ui_file_route_fifo", "ui", _o_ui_files, budget=90),
    ]
