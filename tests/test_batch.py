"""`shipcard batch`: manifests, keys, resuming after a kill, failed rows, and every way of running rows.

In-process tests read the example screenshots with their frozen OCR lines (the real OCR engine runs in the
pool and Ray tests, which are marked slow).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from assistant.batch import identity, keyed, read_manifest, run_batch
from assistant.batch.runner import RESULTS, Results
from assistant.errors import BadInputError
from tests.conftest import EXAMPLES

KESTREL, LUMEN = EXAMPLES / "kestrel-coder", EXAMPLES / "lumen-notes"


@pytest.fixture
def frozen_ocr(monkeypatch):
    """OCR that returns the frozen lines of the example screenshots (by sha256), in this process."""
    from assistant import ocr
    from assistant.datamodel import Screen
    from tests.example_card import example_screens

    lines = {s.loaded.sha256: s.lines for product in example_screens() for s in product}
    monkeypatch.setattr(ocr, "read", lambda loaded, tuned=True: Screen(loaded=loaded, lines=lines[loaded.sha256]))


def write_manifest(folder: Path, rows: list[dict], name: str = "m.jsonl") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return path


def results(out: Path) -> list[dict]:
    if not (out / RESULTS).exists():
        return []
    return [json.loads(line) for line in (out / RESULTS).read_text().splitlines() if line.strip()]


def history_count() -> int:
    from assistant.history import History

    return len(History.default().rows())


# ---- manifests and keys ------------------------------------------------------------------------


def test_jsonl_and_csv_manifests_resolve_relative_paths_and_folders(tmp_path):
    a = tmp_path / "shots" / "a.png"
    a.parent.mkdir()
    a.write_bytes((KESTREL / "landing.png").read_bytes())
    jsonl = write_manifest(tmp_path, [{"id": "x/y", "products": [["shots/a.png"], [str(LUMEN)]]},
                                      {"id": "x/y", "products": [["shots/a.png", "shots/a.png"], ["nope.png"]]},
                                      {"products": "not a list"}])
    rows = read_manifest(jsonl, allow_outside=True)  # LUMEN lives elsewhere
    assert [r.id for r in rows] == ["x-y", "x-y-2", "row-0003"]
    assert rows[0].products[0] == (a,) and len(rows[0].products[1]) == len(list(LUMEN.glob("*.png")))
    assert rows[0].error is None and "nope.png: no such file" in rows[1].error and "must be a list" in rows[2].error
    csv = tmp_path / "m.csv"
    csv.write_text(f"product A,product B\nshots/a.png;shots/a.png,{LUMEN}\n")
    (row,) = read_manifest(csv, allow_outside=True)
    assert row.id == "row-0002" and row.products[0] == (a, a)


def test_an_empty_or_missing_manifest_is_one_line(tmp_path):
    with pytest.raises(BadInputError, match="no such manifest"):
        read_manifest(tmp_path / "none.jsonl")
    with pytest.raises(BadInputError, match="lists no comparison"):
        read_manifest(write_manifest(tmp_path, []))


def test_the_key_changes_with_image_bytes_engine_model_and_rubrics(tmp_path, ocr_backend):
    from assistant.rubrics import load_rubrics

    shot = tmp_path / "a.png"
    shot.write_bytes((KESTREL / "landing.png").read_bytes())
    manifest = write_manifest(tmp_path, [{"products": [["a.png"], [str(LUMEN)]]}])
    rubrics = load_rubrics()
    base = keyed(read_manifest(manifest, allow_outside=True), identity(ocr_backend, rubrics))[0].key
    assert keyed(read_manifest(manifest, allow_outside=True), identity(ocr_backend, rubrics))[0].key == base
    assert keyed(read_manifest(manifest, allow_outside=True), identity(ocr_backend, rubrics[:3]))[0].key != base
    assert keyed(read_manifest(manifest, allow_outside=True), "llamacpp|model|" + identity(ocr_backend, rubrics))[0].key != base
    shot.write_bytes((LUMEN / min(p.name for p in LUMEN.glob("*.png"))).read_bytes())
    assert keyed(read_manifest(manifest, allow_outside=True), identity(ocr_backend, rubrics))[0].key != base


# ---- running, failing, resuming -----------------------------------------------------------------


def test_a_batch_makes_cards_records_failures_and_resumes(tmp_path, frozen_ocr):
    manifest = write_manifest(tmp_path, [{"id": "kl", "products": [[str(KESTREL)], [str(LUMEN)]]},
                                         {"id": "bad", "products": [["missing.png"], [str(LUMEN)]]},
                                         {"id": "lk", "products": [[str(LUMEN)], [str(KESTREL)]]}])
    out = tmp_path / "out"
    first = run_batch(manifest, out, "ocr", allow_outside=True)
    assert (first.done, first.failed, first.skipped) == (2, 1, 0)
    assert first.errors == [f"bad: {tmp_path / 'missing.png'}: no such file."]
    assert {p.name for p in (out / "kl").iterdir()} == {"card.html", "card.md", "card.json"}
    done = [r for r in results(out) if r["status"] == "done"]
    assert [r["id"] for r in done] == ["kl", "lk"] and history_count() == 2
    assert json.loads((out / "summary.json").read_text())["done"] == 2
    again = run_batch(manifest, out, "ocr", allow_outside=True)
    assert (again.done, again.failed, again.skipped) == (0, 1, 2) and history_count() == 2


def test_a_row_with_one_product_makes_its_verdict_card(tmp_path, frozen_ocr):
    manifest = write_manifest(tmp_path, [{"id": "solo", "products": [[str(KESTREL)]]}])
    out = tmp_path / "out"
    assert run_batch(manifest, out, "ocr", allow_outside=True).done == 1
    card = json.loads((out / "solo" / "card.json").read_text())
    assert [p["facts"]["name"] for p in card["products"]] == ["Kestrel Coder"]


def test_a_kill_between_saving_and_recording_neither_loses_nor_repeats_the_card(tmp_path, frozen_ocr, monkeypatch):
    manifest = write_manifest(tmp_path, [{"id": "kl", "products": [[str(KESTREL)], [str(LUMEN)]]}])
    out = tmp_path / "out"
    real_add = Results.add

    def killed(self, record):
        if record.get("status") == "done":
            raise KeyboardInterrupt  # the process dies right after the history save
        real_add(self, record)

    monkeypatch.setattr(Results, "add", killed)
    assert run_batch(manifest, out, "ocr", allow_outside=True).interrupted
    assert history_count() == 1 and not results(out)
    monkeypatch.setattr(Results, "add", real_add)
    resumed = run_batch(manifest, out, "ocr", allow_outside=True)
    assert (resumed.done, resumed.skipped) == (0, 1) and history_count() == 1
    assert results(out)[-1]["recovered"] is True


def test_a_torn_results_line_does_not_swallow_the_next(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / RESULTS).write_text('{"key": "a", "status": "done"}\n{"key": "b", "sta')
    store = Results(out)
    store.add({"key": "c", "status": "done"})
    assert set(store.done()) == {"a", "c"}


def test_a_batch_on_a_served_model(tmp_path, frozen_ocr):
    from tests.openai_standin import StandIn

    manifest = write_manifest(tmp_path, [{"products": [[str(KESTREL)], [str(LUMEN)]]}])
    with StandIn() as stand:
        summary = run_batch(manifest, tmp_path / "out", "openai", {"base_url": stand.url}, allow_outside=True)
        assert summary.done == 1 and stand.requests
    assert results(tmp_path / "out")[0]["status"] == "done"


def test_cli_batch_prints_the_summary(tmp_path, frozen_ocr):
    from typer.testing import CliRunner

    from assistant.cli import app

    manifest = write_manifest(tmp_path, [{"products": [[str(KESTREL)], [str(LUMEN)]]}])
    run = CliRunner().invoke(app, ["batch", str(manifest), "--out", str(tmp_path / "out"), "--backend", "ocr", "--json",
                                      "--allow-outside"])
    assert run.exit_code == 0, run.output
    assert json.loads(run.stdout)["done"] == 1


# ---- other processes, other machines ------------------------------------------------------------


def _two_rows(tmp_path: Path) -> Path:
    return write_manifest(tmp_path, [{"id": "kl", "products": [[str(KESTREL / "landing.png")], [str(LUMEN)]]},
                                     {"id": "bad", "products": [[str(KESTREL / "landing.png")], ["gone.png"]]}])


@pytest.mark.slow
def test_a_pool_of_two_workers(tmp_path):
    summary = run_batch(_two_rows(tmp_path), tmp_path / "out", "ocr", concurrency=2, allow_outside=True)
    assert (summary.done, summary.failed) == (1, 1) and history_count() == 1


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="Ray on Windows is not tested here")
def test_ray_tasks_return_cards_and_the_driver_writes(tmp_path):
    ray = pytest.importorskip("ray", reason="pip install 'shipcard[ray]'")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        summary = run_batch(_two_rows(tmp_path), tmp_path / "out", "ocr", ray_address="local",
                            allow_outside=True)
    finally:
        ray.shutdown()
    assert (summary.done, summary.failed) == (1, 1) and history_count() == 1
    assert (tmp_path / "out" / "kl" / "card.json").exists()
