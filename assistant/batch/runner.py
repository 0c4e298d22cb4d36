"""The driver of a batch: rows out to workers, cards back, and the only writer of DIR and the history.

Resuming: `DIR/results.jsonl` gets one line per finished row (status done or failed), flushed and fsynced
before the next; a later line for the same key wins. On start, rows whose key is done are skipped. Saving
is journaled: before a card goes into the history, `DIR/.journal.jsonl` records the key and the history's
highest id; a run killed between the save and its results line finds that card on resume (a newer history
entry with the row's screenshots) instead of saving it twice.

One batch per DIR at a time: `locked(DIR)` holds an flock on DIR/.lock for the whole run; a second batch on
the same DIR is refused in one line instead of making every row twice.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..datamodel import Comparison, Screen
from ..errors import ShipcardError
from .manifest import Row
from .work import Job, Made

RESULTS, JOURNAL, SUMMARY, LOCK = "results.jsonl", ".journal.jsonl", "summary.json", ".lock"  # manifest.RESERVED


@dataclass
class Summary:
    rows: int = 0
    done: int = 0
    failed: int = 0
    skipped: int = 0  # done by an earlier run
    seconds: float = 0.0
    interrupted: bool = False
    errors: list[str] = field(default_factory=list)  # "id: line" of each failed row, first 20

    @property
    def cards_per_min(self) -> float:
        return round(60 * self.done / self.seconds, 2) if self.seconds else 0.0

    def as_dict(self) -> dict:
        return {"rows": self.rows, "done": self.done, "failed": self.failed, "skipped": self.skipped,
                "seconds": round(self.seconds, 2), "cards_per_min": self.cards_per_min,
                "interrupted": self.interrupted, "errors": self.errors}


class Results:
    """DIR/results.jsonl and the save journal: append-only, one fsynced line per event."""

    def __init__(self, out: Path):
        self.out = out
        out.mkdir(parents=True, exist_ok=True)
        self.path, self.journal = out / RESULTS, out / JOURNAL
        for path in (self.path, self.journal):
            _end_line(path)  # a line torn by a kill must not swallow the next one

    def done(self) -> dict[str, dict]:
        """key -> its latest record, for keys whose latest record is done."""
        latest: dict[str, dict] = {}
        for rec in _records(self.path):
            if "key" in rec:  # a record without one is no row's
                latest[rec["key"]] = rec
        return {k: r for k, r in latest.items() if r.get("status") == "done"}

    def intents(self) -> dict[str, dict]:
        return {rec["key"]: rec for rec in _records(self.journal) if "key" in rec}

    def add(self, record: dict) -> None:
        _append(self.path, record)

    def intend(self, key: str, after: int) -> None:
        _append(self.journal, {"key": key, "after": after})


def out_folder(out: Path) -> Path:
    """DIR, made if missing; a file or anything else there is one line (no row is run)."""
    from ..files import out_folder as made

    return made(out, "the cards, results.jsonl and summary.json")


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold DIR/.lock for the run: a second batch on DIR is refused, not run beside this one."""
    from ..sanitize import printable

    try:
        import fcntl
    except ImportError:  # Windows: no flock; one batch per DIR is then the person's to keep
        yield
        return
    try:
        fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    except OSError as exc:
        raise ShipcardError(f"Cannot lock {printable(out / LOCK)} ({exc.strerror or exc}).",
                            "Pass --out DIR, a folder you can write.") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            held = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            raise ShipcardError(f"Another batch is writing to {printable(out)} (process {held or 'unknown'}).",
                                "Wait for it to end (it resumes: rows done are kept), or pass another --out.") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


def run_rows(rows: list[Row], out: Path, executor, driver: Driver, progress: Callable[[int, int], None],
             window: int) -> Summary:
    """Make every row not yet done, `window` jobs in flight; Ctrl-C stops cleanly (the rest resumes later)."""
    summary = Summary(rows=len(rows))
    t0 = time.perf_counter()
    todo = driver.pending(rows, summary)
    progress(0, len(todo))
    try:
        for n, made in enumerate(executor.map(_jobs(todo), window), 1):
            driver.finish(made, summary)
            progress(n, len(todo))
    except KeyboardInterrupt:
        summary.interrupted = True
        executor.stop()
    summary.seconds = time.perf_counter() - t0
    _write_summary(out, summary)
    return summary


def _jobs(rows: list[Row]) -> Iterator[Job]:
    for row in rows:
        yield Job(row.key, row.id, [list(p) for p in row.products])


class Driver:
    """Writes what workers made: card files in DIR/<id>/, the history entry, the results line."""

    def __init__(self, out: Path, formats: list[str], backend: str, model: str | None, save: bool = True):
        self.out, self.formats, self.backend, self.model, self.save = out, formats, backend, model, save
        self.results = Results(out)
        self.rows: dict[str, Row] = {}
        self._history = None
        self.last_id = 0

    @property
    def history(self):
        if self._history is None:
            from ..history import History

            self._history = History.default()
            self.last_id = max((r.id for r in self._history.rows()), default=0)
        return self._history

    def pending(self, rows: list[Row], summary: Summary) -> list[Row]:
        """Rows to make: not done before, not repeated in the manifest; unreadable rows are recorded as failed."""
        done = self.results.done()
        self._recover(rows, done)
        todo, seen = [], set()
        for row in rows:
            self.rows[row.key] = row
            if row.key in done or row.key in seen:
                summary.skipped += 1
            elif row.error:
                self._failed(Made(row.key, row.id, error=row.error), summary)
            else:
                todo.append(row)
            seen.add(row.key)
        return todo

    def finish(self, made: Made, summary: Summary) -> None:
        if made.error:
            self._failed(made, summary)
            return
        try:
            record = self._keep(made)
        except ShipcardError as exc:
            self._failed(Made(made.key, made.id, error=str(exc), seconds=made.seconds), summary)
            return
        self.results.add(record)
        summary.done += 1

    def _keep(self, made: Made) -> dict:
        """The row's run ends as every run does (`Session.finish`); a card the history refused fails its row."""
        from ..session import Session

        assert made.comparison is not None, "a Made without an error holds its card"
        comparison = Comparison.model_validate_json(made.comparison)
        screens = (made.screens or self._screens(made)) if self.save else []
        session = Session(comparison, screens, backend=self.backend, model=self.model,
                          history=self.history if self.save else None)
        done = session.finish(self.out / made.id, self.formats, self.save,
                              before_save=lambda: self.results.intend(made.key, self.last_id))
        if done.not_saved:
            raise ShipcardError(done.not_saved)
        record = {"key": made.key, "id": made.id, "status": "done", "title": comparison.title,
                  "card": str(done.written[0]) if done.written else None, "seconds": round(made.seconds, 3)}
        if done.saved is not None:
            self.last_id = max(self.last_id, done.saved)
            record["history_id"] = done.saved
        return record

    def _screens(self, made: Made) -> list[list[Screen]]:
        """The driver's own copies of the row's screenshots with the lines the worker read (no OCR here)."""
        from ..images import load_image

        row = self.rows[made.key]
        assert made.lines is not None, "a Made without an error holds its lines"
        return [[Screen(loaded=load_image(path), lines=lines) for path, lines in zip(product, product_lines, strict=False)]
                for product, product_lines in zip(row.products, made.lines, strict=False)]

    def _failed(self, made: Made, summary: Summary) -> None:
        self.results.add({"key": made.key, "id": made.id, "status": "failed", "error": made.error,
                          "seconds": round(made.seconds, 3)})
        summary.failed += 1
        if len(summary.errors) < 20:
            summary.errors.append(f"{made.id}: {made.error}")

    def _recover(self, rows: list[Row], done: dict[str, dict]) -> None:
        """Rows saved to the history by a run killed before their results line: record them as done."""
        intents = {k: v for k, v in self.results.intents().items() if k not in done}
        if not intents or not self.save:
            return
        for row in rows:
            if row.key in intents and (found := self._saved_as(row, intents[row.key]["after"])) is not None:
                rec = {"key": row.key, "id": row.id, "status": "done", "history_id": found, "recovered": True}
                self.results.add(rec)
                done[row.key] = rec

    def _saved_as(self, row: Row, after: int) -> int | None:
        import hashlib

        wanted = [[hashlib.sha256(p.read_bytes()).hexdigest() for p in product] for product in row.products]
        for entry in sorted(r.id for r in self.history.rows() if r.id > after):
            stored = [[path.stem for _, path in product] for product in self.history.screen_files(entry)]
            if stored == wanted:
                return entry
        return None


def _records(path: Path) -> Iterator[dict]:
    if not path.exists():
        return
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                rec = json.loads(line)
            except ValueError:
                continue  # a line torn by a kill
            if isinstance(rec, dict):
                yield rec


def _append(path: Path, record: dict) -> None:
    with open(path, "a", encoding="utf-8") as f:
        f.write(json.dumps(record) + "\n")
        f.flush()
        os.fsync(f.fileno())


def _end_line(path: Path) -> None:
    if path.exists() and path.stat().st_size:
        with open(path, "rb+") as f:
            f.seek(-1, os.SEEK_END)
            if f.read(1) != b"\n":
                f.write(b"\n")


def _write_summary(out: Path, summary: Summary) -> None:
    from ..files import atomic_write

    atomic_write(out / SUMMARY, json.dumps(summary.as_dict(), indent=2) + "\n")
