"""The history database: connections, transactions, and each card's rows (save, update, read, vote, answer).

Safety: WAL journal, a busy timeout, and every write in one `BEGIN IMMEDIATE` transaction, so two
processes (CLI and UI) can write at once and a crash or Ctrl-C loses nothing committed before it.
Each thread (and each process after a fork) gets its own connection, so a `History` may be shared
between threads. The full comparison is stored as its JSON contract (`comparisons.data`); `products`
holds the normalised columns listings need. Community counts are not stored in the JSON: `get` fills
them from votes.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from ..datamodel import Community, Comparison, OcrLine, Screen
from ..errors import ShipcardError
from . import transfer
from .rows import HistoryRow, ProductRow, SavedAnswer, lines_from, lines_json, now
from .schema import migrate
from .store import ScreenStore

log = logging.getLogger(__name__)
DB_NAME = "history.db"
BUSY_TIMEOUT_MS = 15_000


def default_home() -> Path:
    """`$SHIPCARD_HOME`, else the user's data folder for shipcard."""
    env = os.environ.get("SHIPCARD_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("shipcard"))


def open_db(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
    db.row_factory = sqlite3.Row
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA synchronous = NORMAL")
    return db


class History:
    """The local history database. Cheap to construct; one connection per thread, opened on first use."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else default_home() / DB_NAME
        self.home = self.path.parent
        self.store = ScreenStore(self.home)
        self.screens_dir = self.store.folder
        self._connections: dict[tuple[int, int], sqlite3.Connection] = {}  # per (process, thread)
        try:
            self.home.mkdir(parents=True, exist_ok=True)
            self._migrate()
        except (sqlite3.DatabaseError, OSError) as exc:  # a corrupt file, or a home that cannot be made
            raise ShipcardError(f"The history database {self.path} cannot be opened ({exc}).",
                                "Move it aside (a new one is created) or set SHIPCARD_HOME to another folder.") from None

    @classmethod
    def default(cls) -> History:
        return cls(default_home() / DB_NAME)

    # ---- connections ------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        """This thread's connection, kept open: closing the last one checkpoints the WAL (an fsync per call)."""
        key = (os.getpid(), threading.get_ident())
        db = self._connections.get(key)
        if db is None:
            db = self._connections[key] = open_db(self.path)
        return db

    @contextmanager
    def _tx(self, write: bool = False) -> Iterator[sqlite3.Connection]:
        """One transaction: IMMEDIATE for writes (takes the write lock up front, so no deadlock on upgrade).

        A database error (a full disk, a read-only home) rolls back whatever is left of the transaction and
        becomes one line naming the file; what was committed before stays.
        """
        try:
            db = self._connect()
            db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        except sqlite3.Error as exc:
            raise self._for_person(exc) from None
        try:
            yield db
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            _rollback(db)
            raise self._for_person(exc) from None
        except BaseException:
            _rollback(db)
            raise

    def _for_person(self, exc: sqlite3.Error) -> ShipcardError:
        text = str(exc)
        if "full" in text:
            fix = "Free some disk space; cards already saved are kept."
        elif "readonly" in text or "read-only" in text:
            fix = "The history folder is read-only: set SHIPCARD_HOME to a writable folder."
        else:
            fix = "Move the file aside (a new one is made) or set SHIPCARD_HOME to another folder."
        return ShipcardError(f"Cannot use the history {self.path} ({text}).", fix)

    def _migrate(self) -> None:
        db = open_db(self.path)
        try:
            migrate(db, self.path)
        finally:
            db.close()

    # ---- writing ----------------------------------------------------------------------------

    def save(self, comparison: Comparison, screens: Sequence[Sequence[Screen]], backend: str,
             model: str | None = None) -> int:
        """Store a card with its screenshots (copied) and OCR lines; returns its id (also set on `comparison.id`)."""
        new: list[Path] = []  # copies made for this card only: removed again if the row cannot be written
        try:
            stored = [[self.store.keep(s.loaded, new) for s in product] for product in screens]
            with self._tx(write=True) as db:
                cid = self._insert(db, comparison, now(), backend, model, False)
                for p, product in enumerate(screens):
                    for i, screen in enumerate(product):
                        db.execute("INSERT INTO screens (comparison_id, product_idx, position, sha256, name,"
                                   " stored, lines) VALUES (?,?,?,?,?,?,?)",
                                   (cid, p, i, screen.loaded.sha256, screen.name, stored[p][i],
                                    lines_json(screen.lines)))
        except BaseException:
            for path in new:
                with contextlib.suppress(OSError):  # a screens/ that is no folder: the first error is the one to tell
                    path.unlink(missing_ok=True)
            raise
        comparison.id = cid
        return cid

    def _insert(self, db, comparison: Comparison, created: str, backend: str, model: str | None, marked: bool) -> int:
        data = comparison.model_dump_json(exclude={"id"})
        cur = db.execute("INSERT INTO comparisons (created_at, title, backend, model, data, bookmarked)"
                         " VALUES (?,?,?,?,?,?)", (created, comparison.title, backend, model, data, int(marked)))
        self._product_rows(db, cur.lastrowid, comparison)
        return cur.lastrowid

    def _product_rows(self, db, cid: int, comparison: Comparison) -> None:
        db.execute("DELETE FROM products WHERE comparison_id = ?", (cid,))
        for i, p in enumerate(comparison.products):
            db.execute("INSERT INTO products (comparison_id, idx, name, entry, verdict, ship, skip) VALUES (?,?,?,?,?,?,?)",
                       (cid, i, p.facts.name, p.facts.pricing.entry, p.panel.verdict, p.panel.ship, p.panel.skip))

    def update(self, id: int, comparison: Comparison) -> None:
        """Replace a saved card (e.g. after escalation); screenshots, votes and answers stay."""
        with self._tx(write=True) as db:
            self._require(db, id)
            db.execute("UPDATE comparisons SET data = ?, title = ? WHERE id = ?",
                       (comparison.model_dump_json(exclude={"id"}), comparison.title, id))
            self._product_rows(db, id, comparison)

    def vote(self, id: int, product_index: int, up: bool) -> Community:
        """Record one vote for a product (0-based index); returns its new counts."""
        with self._tx(write=True) as db:
            self._require_product(db, id, product_index)
            db.execute("INSERT INTO votes (comparison_id, product_idx, up, created_at) VALUES (?,?,?,?)",
                       (id, product_index, int(up), now()))
            return self._community(db, id)[product_index]

    def bookmark(self, id: int, on: bool = True) -> None:
        with self._tx(write=True) as db:
            self._require(db, id)
            db.execute("UPDATE comparisons SET bookmarked = ? WHERE id = ?", (int(on), id))

    def add_answer(self, id: int, question: str, answer: dict, source: str, engine: str = "") -> int:
        """Keep a follow-up question and its answer (`chat.Answer.model_dump()`); returns the answer's id."""
        with self._tx(write=True) as db:
            self._require(db, id)
            cur = db.execute("INSERT INTO answers (comparison_id, created_at, question, answer, source, engine)"
                             " VALUES (?,?,?,?,?,?)", (id, now(), question, json.dumps(answer), source, engine))
            assert cur.lastrowid is not None, "an INSERT sets it"
            return cur.lastrowid

    # ---- reading ----------------------------------------------------------------------------

    def get(self, id: int) -> Comparison:
        """The saved card, with `id` set and `community` filled from the votes."""
        with self._tx() as db:
            row = self._require(db, id)
            comparison = self._card(id, row)
            votes = self._community(db, id)
        comparison.id = id
        for i, product in enumerate(comparison.products):
            product.community = votes.get(i, Community())
        return comparison

    @staticmethod
    def _card(id: int, row: sqlite3.Row) -> Comparison:
        """A row's card; a damaged one is reported in one line (the other cards still work)."""
        try:
            return Comparison.model_validate_json(row["data"])
        except (ValueError, TypeError) as exc:  # pydantic's ValidationError is a ValueError
            raise ShipcardError(f"Card #{id} in the history is damaged ({str(exc).splitlines()[0][:120]}).",
                                "The other cards are unaffected; export them, or import this card again.") from None

    def meta(self, id: int) -> dict:
        """created_at, backend, model, bookmarked of a saved card."""
        with self._tx() as db:
            row = self._require(db, id)
        return {k: row[k] for k in ("created_at", "backend", "model")} | {"bookmarked": bool(row["bookmarked"])}

    def rows(self) -> list[HistoryRow]:
        """Every saved card, newest first."""
        with self._tx() as db:
            cards = db.execute("SELECT c.*, (SELECT COUNT(*) FROM answers a WHERE a.comparison_id = c.id) AS n"
                               " FROM comparisons c ORDER BY c.id DESC").fetchall()
            products = db.execute("SELECT * FROM products ORDER BY comparison_id, idx").fetchall()
            votes = db.execute("SELECT comparison_id, product_idx, SUM(up) AS up, SUM(1 - up) AS down"
                               " FROM votes GROUP BY comparison_id, product_idx").fetchall()
        counts = {(v["comparison_id"], v["product_idx"]): (v["up"], v["down"]) for v in votes}
        by_card: dict[int, list[ProductRow]] = {}
        for p in products:
            up, down = counts.get((p["comparison_id"], p["idx"]), (0, 0))
            by_card.setdefault(p["comparison_id"], []).append(ProductRow(
                index=p["idx"] + 1, name=p["name"], entry=p["entry"], verdict=p["verdict"], ship=p["ship"] or 0,
                skip=p["skip"] or 0, up=up, down=down))
        return [HistoryRow(id=c["id"], created_at=c["created_at"], title=c["title"], backend=c["backend"],
                           model=c["model"], bookmarked=bool(c["bookmarked"]), answers=c["n"],
                           products=by_card.get(c["id"], [])) for c in cards]

    def answers(self, id: int) -> list[SavedAnswer]:
        with self._tx() as db:
            self._require(db, id)
            found = db.execute("SELECT * FROM answers WHERE comparison_id = ? ORDER BY id", (id,)).fetchall()
        return [answer for a in found if (answer := _saved_answer(id, a)) is not None]

    def _screen_rows(self, id: int) -> list[list[sqlite3.Row]]:
        with self._tx() as db:
            row = self._require(db, id)
            found = db.execute("SELECT * FROM screens WHERE comparison_id = ? ORDER BY product_idx, position",
                               (id,)).fetchall()
        products: list[list[sqlite3.Row]] = [[] for _ in self._card(id, row).products]
        for s in found:
            if 0 <= s["product_idx"] < len(products):  # an imported row for a product the card lacks is ignored
                products[s["product_idx"]].append(s)
        return products

    def screens(self, id: int) -> list[list[Path]]:
        """Per product, the stored copies of its screenshots (absolute paths; only those in the store)."""
        return [[path for _, path in product] for product in self.screen_files(id)]

    def screen_files(self, id: int) -> list[list[tuple[str, Path]]]:
        """Per product, (original file name, stored copy) of each screenshot whose copy is in the store."""
        return [[(s["name"], path) for s in product if (path := self.store.file(s["stored"])) is not None]
                for product in self._screen_rows(id)]

    def lines(self, id: int) -> list[list[OcrLine]]:
        """Per product, the OCR lines of all its screenshots, as read when the card was made."""
        return [[ln for s in product for ln in lines_from(s["lines"], s["name"])] for product in self._screen_rows(id)]

    def load_screens(self, id: int) -> list[list[Screen]]:
        """Per product, Screens rebuilt from the stored copies and stored OCR lines (no OCR is re-run)."""
        from ..images import load_image

        return [[Screen(loaded=replace(load_image(path), name=s["name"]), lines=lines_from(s["lines"], s["name"]))
                 for s in product if (path := self.store.file(s["stored"])) is not None]
                for product in self._screen_rows(id)]

    # ---- export / import (assistant.history.transfer) -----------------------------------------

    def export(self, ids: Sequence[int] | None = None, images: bool = True) -> dict:
        """A JSON-ready dict of the given cards (all when None), with votes, answers, OCR lines and images."""
        return transfer.export(self, ids, images)

    def import_(self, data: dict) -> list[int]:
        """Add the cards of an export; returns their new ids. All or nothing (one transaction)."""
        return transfer.import_(self, data)

    # ---- helpers ----------------------------------------------------------------------------

    def _require(self, db, id: int) -> sqlite3.Row:
        if not isinstance(id, int) or not 0 < id < 2**63:  # SQLite's integers end at 2**63 - 1
            raise ShipcardError(f"No saved card #{id}.", "Run `shipcard history` to list saved cards.")
        row = db.execute("SELECT * FROM comparisons WHERE id = ?", (id,)).fetchone()
        if row is None:
            raise ShipcardError(f"No saved card #{id}.", "Run `shipcard history` to list saved cards.")
        return row

    def _require_product(self, db, id: int, index: int) -> None:
        self._require(db, id)
        n = db.execute("SELECT COUNT(*) FROM products WHERE comparison_id = ?", (id,)).fetchone()[0]
        if not 0 <= index < n:
            raise ShipcardError(f"Card #{id} has {n} products; there is no product {index + 1}.",
                                f"Pass 1 to {n}, or a product's name.")

    def _community(self, db, id: int) -> dict[int, Community]:
        found = db.execute("SELECT product_idx, SUM(up) AS up, SUM(1 - up) AS down FROM votes WHERE comparison_id = ?"
                           " GROUP BY product_idx", (id,)).fetchall()
        return {v["product_idx"]: Community(up=v["up"], down=v["down"]) for v in found}


def _saved_answer(id: int, a: sqlite3.Row) -> SavedAnswer | None:
    """A kept answer, or None (logged in one line) for one that is damaged."""
    try:
        return SavedAnswer(id=a["id"], created_at=a["created_at"], question=a["question"],
                           answer=json.loads(a["answer"]), source=a["source"], engine=a["engine"])
    except (ValueError, TypeError, RecursionError):
        log.warning("history: card #%s: answer %s is damaged and was skipped.", id, a["id"])
        return None


def _rollback(db: sqlite3.Connection) -> None:
    """Roll back what is left: after a full disk SQLite may have rolled back already ('cannot rollback')."""
    if db.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")
