"""Issue 23, points 3-8: batch, import, export --labeled and the other paths a person passes, tried as an attacker
and a careless user would. Each case: one line, the right exit code, nothing read or written where it should
not be. Commands that old code let run away (a FIFO, /dev/zero) run in a subprocess with a time and memory bound.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.batch import read_manifest, run_batch
from assistant.batch.runner import RESULTS
from assistant.errors import ShipcardError
from tests.conftest import EXAMPLES
from tests.test_batch import frozen_ocr, write_manifest  # noqa: F401  # frozen_ocr: a fixture used below

ROOT = Path(__file__).resolve().parents[1]
KESTREL, LUMEN = EXAMPLES / "kestrel-coder", EXAMPLES / "lumen-notes"
runner = CliRunner()


def shipcard(*args, cwd: Path, timeout: float = 60, memory_gb: float = 2.0) -> subprocess.CompletedProcess:
    """The CLI in a subprocess, bounded in time and address space (old code read /dev/zero until memory ran out)."""
    def bound():
        limit = int(memory_gb * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return subprocess.run([sys.executable, "-m", "assistant", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=cwd, preexec_fn=bound,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"})


def one_line(done, code: int = 2) -> str:
    assert done.returncode == code, (done.returncode, done.stdout, done.stderr)
    err = done.stderr.strip()
    assert "Traceback" not in err and len(err.splitlines()) == 1, err
    return err


def local_shots(folder: Path) -> tuple[Path, Path]:
    """The two example products copied beside a manifest (rows may name only files in its folder)."""
    a, b = folder / "kestrel", folder / "lumen"
    shutil.copytree(KESTREL, a)
    shutil.copytree(LUMEN, b)
    return a, b


# ---- rows: what they may name ----------------------------------------------------------------------------------


def test_a_row_outside_the_manifests_folder_is_refused_unless_allowed(tmp_path):
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "in.png").symlink_to("/etc/hostname")  # a link out counts as out
    manifest = write_manifest(tmp_path / "m", [{"products": [["/etc/hostname"], ["x.png"]]},
                                               {"products": [["../secret.png"], ["x.png"]]},
                                               {"products": [["in.png"], ["x.png"]]}])
    rows = read_manifest(manifest)
    assert all("outside the manifest's folder" in r.error and "--allow-outside" in r.error for r in rows), rows
    assert "manifest's folder" not in (read_manifest(manifest, allow_outside=True)[0].error or "")


def test_rows_name_only_regular_files_under_the_size_limit_checked_before_reading(tmp_path):
    big = tmp_path / "big.png"
    with open(big, "wb") as f:  # sparse: 100 MiB on paper, nothing on disk
        f.truncate(100 * 2**20)
    os.mkfifo(tmp_path / "pipe.png")
    manifest = write_manifest(tmp_path, [{"products": [["big.png"], ["pipe.png"]]}, {"products": [["pipe.png"]]}])
    big_row, pipe_row = read_manifest(manifest)
    assert "over the 40 MiB image limit" in big_row.error
    assert "not a regular file" in pipe_row.error


def test_row_ids_never_collide_with_the_batchs_own_files(tmp_path, frozen_ocr):  # noqa: F811
    local_shots(tmp_path)
    ids = ["results.jsonl", "summary.json", ".journal.jsonl", "SUMMARY.JSON", ".lock", "row-results.jsonl"]
    manifest = write_manifest(tmp_path, [{"id": i, "products": [["kestrel"], ["lumen"]]} for i in ids])
    out = tmp_path / "out"
    summary = run_batch(manifest, out, "ocr", formats=("json",), save=False)
    assert summary.failed == 0 and summary.done == 1 and summary.skipped == len(ids) - 1  # one key: made once
    assert (out / RESULTS).is_file() and (out / "summary.json").is_file()
    names = [r.id for r in read_manifest(manifest)]
    assert len({n.lower() for n in names}) == len(names)
    assert not {n.lower() for n in names} & {"results.jsonl", "summary.json", ".journal.jsonl", ".lock"}
    again = run_batch(manifest, out, "ocr", formats=("json",), save=False)  # the folder is not wedged
    assert again.failed == 0 and again.skipped == len(ids)


def test_one_batch_per_out_at_a_time(tmp_path, frozen_ocr):  # noqa: F811
    from assistant.batch.runner import locked

    local_shots(tmp_path)
    manifest = write_manifest(tmp_path, [{"products": [["kestrel"], ["lumen"]]}])
    out = tmp_path / "out"
    out.mkdir()
    with locked(out), pytest.raises(ShipcardError, match=r"Another batch is writing to .*out \(process \d+\)"):
        run_batch(manifest, out, "ocr", save=False)
    assert not (out / RESULTS).exists()
    assert run_batch(manifest, out, "ocr", formats=("json",), save=False).done == 1  # the lock went with its holder


# ---- refused as a whole: one line, exit 2 ------------------------------------------------------------------------


@pytest.mark.parametrize("case", ["invalid_utf8", "nested", "out_is_a_file", "fifo_manifest", "device_manifest"])
def test_a_batch_refused_as_a_whole_is_one_line_exit_2(tmp_path, case):
    manifest, out = tmp_path / "m.jsonl", tmp_path / "out"
    manifest.write_text(json.dumps({"products": [["a.png"], ["b.png"]]}) + "\n")
    if case == "invalid_utf8":
        manifest.write_bytes(b'{"products": [["caf\xe9.png"]]}\n')
    elif case == "nested":
        manifest.write_text("[" * 100_000 + "\n")
    elif case == "out_is_a_file":
        out.write_text("x")
    elif case == "fifo_manifest":
        manifest.unlink()
        os.mkfifo(manifest)
    else:
        manifest = Path("/dev/zero")
    err = one_line(shipcard("batch", manifest, "--out", out, "--backend", "ocr", cwd=tmp_path, timeout=120))
    said = {"invalid_utf8": "not UTF-8 text", "nested": "not a manifest", "out_is_a_file": "is a file, not a folder",
            "fifo_manifest": "not a regular file", "device_manifest": "not a regular file"}[case]
    assert err.startswith("error: ") and said in err, err


def test_a_batch_that_lost_rows_exits_3_with_the_count(tmp_path, frozen_ocr):  # noqa: F811
    from assistant.cli import app

    local_shots(tmp_path)
    manifest = write_manifest(tmp_path, [{"products": [["kestrel"], ["lumen"]]}, {"products": [["gone.png"]]}])
    done = runner.invoke(app, ["batch", str(manifest), "--out", str(tmp_path / "out"), "--backend", "ocr",
                               "--no-save", "--format", "json"])
    assert done.exit_code == 3, done.output
    assert "1 of 2 rows failed" in done.output


# ---- import and the other paths a person passes ------------------------------------------------------------------


@pytest.mark.parametrize("what", ["/dev/zero", "/dev/urandom", "fifo", "folder"])
def test_import_reads_no_device_pipe_or_folder(tmp_path, what):
    path = {"fifo": tmp_path / "pipe.json", "folder": tmp_path}.get(what, Path(what))
    if what == "fifo":
        os.mkfifo(path)
    err = one_line(shipcard("import", path, cwd=tmp_path, timeout=60))
    assert "not a regular file" in err or "a folder" in err


def test_compare_with_more_products_than_a_card_shows_is_refused_before_reading(tmp_path):
    shots = [str(KESTREL / "landing.png")] * 50
    err = one_line(shipcard("compare", *shots, "--backend", "ocr", "--no-save", "--out", tmp_path / "o", cwd=tmp_path))
    assert "50 products: a card shows at most 16" in err


def test_screens_being_a_file_keeps_the_card_and_says_so(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "screens").write_text("x")
    done = subprocess.run([sys.executable, "-m", "assistant", "compare", str(KESTREL / "landing.png"),
                           str(LUMEN), "--backend", "ocr", "--out", str(tmp_path / "o"), "--format", "json"],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "SHIPCARD_HOME": str(home)})
    assert "Traceback" not in done.stderr and "is a file, not the folder of stored screenshots" in done.stderr
    assert (tmp_path / "o" / "card.json").is_file()


def test_the_uis_card_id_box_takes_text_without_a_traceback():
    from ui.app import card_number

    assert card_number("3") == 3 and card_number(3.0) == 3
    for bad in ("abc", "1e400", "nan", "-1", "2.5", "99999999999999999999999"):
        with pytest.raises(ShipcardError, match="is not a card id"):
            card_number(bad)


# ---- export --labeled ----------------------------------------------------------------------------------------------


@pytest.fixture
def corrected():
    """A saved card with a person's correction: what --labeled exports."""
    from assistant.backends import choose
    from assistant.cli import app
    from assistant.session import Session
    from tests.example_card import example

    cid = Session.of(*example(), choose("ocr")).save()
    assert runner.invoke(app, ["fix", str(cid), "open_weights", "no", "--product", "1"]).exit_code == 0
    return cid


def _export(out: Path, *more: str):
    from assistant.cli import app

    return runner.invoke(app, ["export", "--all", "--labeled", "--out", str(out), *more])


def refused(done, *words: str) -> None:
    """The command ended in one ShipcardError (which `shipcard` prints as one line, exit 2) naming `words`."""
    assert isinstance(done.exception, ShipcardError), done.output
    assert all(w in str(done.exception) for w in words) and "\n" not in str(done.exception), done.exception


def test_export_labeled_never_replaces_a_corpus_without_force(tmp_path, corrected):
    out = tmp_path / "labels"
    out.mkdir()
    corpus = {f"user/x{i}.png": {"name": str(i)} for i in range(51)}
    (out / "truth.json").write_text(json.dumps(corpus))
    done = _export(out)
    refused(done, "already holds a labeled corpus", "--force")
    assert json.loads((out / "truth.json").read_text()) == corpus
    assert _export(out, "--force").exit_code == 0
    assert json.loads((out / "truth.json").read_text()) != corpus


def test_export_labeled_follows_no_link_out_of_its_folder(tmp_path, corrected):
    out, elsewhere = tmp_path / "labels", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "screens").symlink_to(elsewhere)
    done = _export(out)
    refused(done, "is a link or a file")
    assert list(elsewhere.iterdir()) == []
    (out / "screens").unlink()
    (out / "screens" / "user").mkdir(parents=True)
    victim = elsewhere / "victim.png"
    victim.write_bytes(b"keep")
    entry = f"card{corrected}-p1__1.png"
    (out / "screens" / "user" / entry).symlink_to(victim)
    assert _export(out).exit_code == 0
    assert victim.read_bytes() == b"keep" and not (out / "screens" / "user" / entry).is_symlink()


@pytest.mark.parametrize("target", ["/dev/null", "file"])
def test_export_labeled_to_something_not_a_folder_is_one_line(tmp_path, corrected, target):
    out = Path(target) if target.startswith("/") else tmp_path / target
    if target == "file":
        out.write_text("x")
    done = _export(out)
    refused(done, "--labeled writes a folder")
