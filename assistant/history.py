"""Local history: every card, its screenshots, OCR lines, answers, votes and bookmarks, in one SQLite file.

Where: `$SHIPCARD_HOME/history.db` when SHIPCARD_HOME is set, else platformdirs' `user_data_dir("shipcard")`.
Screenshots are copied to `<home>/screens/<sha256>.<ext>` so answers and the UI still work after the
originals move.

Safety: WAL journal, a busy timeout, and every write in one `BEGIN IMMEDIATE` transaction, so two
processes (CLI and UI) can write at once and a crash or Ctrl-C loses nothing committed before it.
Each thread (and each process after a fork) gets its own connection, so a `History` may be shared
between threads.

Schema: versioned with `PRAGMA user_version`; `MIGRATIONS[i]` takes a database from version i to i + 1.
The full comparison is stored as its JSON contract (`comparisons.data`); `products` holds the
normalised columns listings need. Community counts are not stored in the JSON: `get` fills them from votes.

Public API (used by the CLI and the Gradio UI; keep it stable):
    History(path=None) / History.default()
    save(comparison, screens, backend, model=None) -> int
    get(id) -> Comparison                 rows() -> list[HistoryRow]
    update(id, comparison)                 (replace a card, e.g. after Claude escalation)
    vote(id, product_index, up)            bookmark(id, on)
    add_answer(id, question, answer, source, engine="") -> int      answers(id) -> list[SavedAnswer]
    screens(id) -> list[list[Path]]        screen_files(id) -> list[list[(name, Path)]]
    lines(id) -> list[list[OcrLine]]       load_screens(id) -> list[list[Screen]]
    export(ids=None) -> dict               import_(data) -> list[int]
    product_index(id, product) -> int      (1-based index or a product name -> 0-based index)
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from .datamodel import Community, Comparison, OcrLine, Screen
from .errors import ShipcardError

log = logging.getLogger(__name__)

DB_NAME = "history.db"
BUSY_TIMEOUT_MS = 15_000
EXPORT_FORMAT = "shipcard-history"


def default_home() -> Path:
    """`$SHIPCARD_HOME`, else the user's data folder for shipcard."""
    env = os.environ.get("SHIPCARD_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("shipcard"))


# ---- schema -----------------------------------------------------------------------------------


def _script(db: sqlite3.Connection, sql: str) -> None:
    """Run statements one by one: `executescript` would commit the migration's transaction half-way."""
    for statement in sql.split(";"):
        if statement.strip():
            db.execute(statement)


def _v1(db: sqlite3.Connection) -> None:
    _script(db, """
        CREATE TABLE comparisons (
            id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL, title TEXT NOT NULL,
            backend TEXT NOT NULL, model TEXT, data TEXT NOT NULL);
        CREATE TABLE products (
            comparison_id INTEGER NOT NULL REFERENCES comparisons(id) ON DELETE CASCADE, idx INTEGER NOT NULL,
            name TEXT, entry TEXT, verdict TEXT, ship INTEGER, skip INTEGER, PRIMARY KEY (comparison_id, idx));
        CREATE TABLE screens (
            comparison_id INTEGER NOT NULL REFERENCES comparisons(id) ON DELETE CASCADE, product_idx INTEGER NOT NULL,
            position INTEGER NOT NULL, sha256 TEXT NOT NULL, name TEXT NOT NULL, source_path TEXT,
            PRIMARY KEY (comparison_id, product_idx, position));
        CREATE TABLE votes (
            id INTEGER PRIMARY KEY AUTOINCREMENT, comparison_id INTEGER NOT NULL REFERENCES comparisons(id) ON DELETE CASCADE,
            product_idx INTEGER NOT NULL, up INTEGER NOT NULL, created_at TEXT NOT NULL);
    """)


def _v2(db: sqlite3.Connection) -> None:
    """Bookmarks, stored screenshot copies with their OCR lines, and follow-up answers."""
    _script(db, """
        ALTER TABLE comparisons ADD COLUMN bookmarked INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE screens ADD COLUMN stored TEXT;
        ALTER TABLE screens ADD COLUMN lines TEXT NOT NULL DEFAULT '[]';
        CREATE TABLE answers (
            id INTEGER PRIMARY KEY AUTOINCREMENT, comparison_id INTEGER NOT NULL REFERENCES comparisons(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL, question TEXT NOT NULL, answer TEXT NOT NULL, source TEXT NOT NULL, engine TEXT);
        CREATE INDEX votes_by_product ON votes (comparison_id, product_idx);
        CREATE INDEX answers_by_comparison ON answers (comparison_id);
    """)


def _v3(db: sqlite3.Connection) -> None:
    """Screens point only into shipcard's own store: an imported row could name any local file as its image
    (`source_path`), which export and escalation then read. Such references are dropped; OCR lines stay."""
    for row in db.execute("SELECT comparison_id, product_idx, position, name, stored FROM screens").fetchall():
        if row[4] is not None and _in_store(row[4]):
            continue
        db.execute("UPDATE screens SET stored = NULL WHERE comparison_id = ? AND product_idx = ? AND position = ?",
                   row[:3])
        log.warning("history: card #%s: screenshot %r had no copy in shipcard's store; its image was dropped "
                    "(its OCR lines are kept).", row[0], _printable(row[3]))
    db.execute("UPDATE screens SET source_path = NULL")


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3]
SCHEMA_VERSION = len(MIGRATIONS)


# ---- rows -------------------------------------------------------------------------------------


class ProductRow(BaseModel):
    index: int = Field(description="1-based, as `shipcard vote ID INDEX` takes it.")
    name: str | None
    entry: str | None
    verdict: str | None
    ship: int
    skip: int
    up: int = 0
    down: int = 0


class HistoryRow(BaseModel):
    """One saved comparison, as `shipcard history --json` lists it."""

    id: int
    created_at: str
    title: str
    backend: str
    model: str | None
    bookmarked: bool
    answers: int
    products: list[ProductRow]


class SavedAnswer(BaseModel):
    id: int
    created_at: str
    question: str
    answer: dict
    source: str
    engine: str | None


class _ExportScreen(BaseModel):
    """One screenshot of an export: its bytes, never a path (an import file is untrusted; older exports carried a
    `source_path`, which is ignored)."""

    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    name: str = Field(max_length=255)
    ext: str = ".png"
    lines: list[dict] = Field(default_factory=list)
    image_b64: str | None = None


class _ExportCard(BaseModel):
    created_at: str
    backend: str
    model: str | None = None
    bookmarked: bool = False
    comparison: Comparison
    screens: list[list[_ExportScreen]] = Field(default_factory=list)
    votes: list[dict] = Field(default_factory=list)
    answers: list[dict] = Field(default_factory=list)


class _Export(BaseModel):
    format: str
    version: int
    cards: list[_ExportCard]


def _in_store(rel: str) -> bool:
    """A stored image is `screens/<64 hex>.<ext>`: nothing else, so no path can leave the store."""
    return _STORED.fullmatch(rel) is not None


_STORED = re.compile(r"screens/[0-9a-f]{64}\.(png|jpe?g|webp|gif)")


def _printable(text: str) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in text)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _lines_json(lines: Sequence[OcrLine]) -> str:
    return json.dumps([{"text": ln.text, "box": list(ln.box), "confidence": ln.confidence} for ln in lines])


def _lines_from(raw: str, image: str) -> list[OcrLine]:
    return [OcrLine(text=d["text"], box=tuple(d["box"]), confidence=d["confidence"], image=image) for d in json.loads(raw)]


class History:
    """The local history database. Cheap to construct; one connection per thread, opened on first use."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else default_home() / DB_NAME
        self.home = self.path.parent
        self.screens_dir = self.home / "screens"
        self._connections: dict[tuple[int, int], sqlite3.Connection] = {}  # per (process, thread)
        try:
            self.home.mkdir(parents=True, exist_ok=True)
            self._migrate()
        except sqlite3.DatabaseError as exc:
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
            db = self._connections[key] = self._open()
        return db

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
        db.row_factory = sqlite3.Row
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA synchronous = NORMAL")
        return db

    @contextmanager
    def _tx(self, write: bool = False) -> Iterator[sqlite3.Connection]:
        """One transaction: IMMEDIATE for writes (takes the write lock up front, so no deadlock on upgrade)."""
        db = self._connect()
        db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def _migrate(self) -> None:
        db = self._open()
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode = WAL")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise ShipcardError(f"The history database {self.path} is from a newer shipcard (schema {version}).",
                                    "Upgrade shipcard, or set SHIPCARD_HOME to another folder.")
            if version == SCHEMA_VERSION:
                return
            db.execute("BEGIN IMMEDIATE")
            version = db.execute("PRAGMA user_version").fetchone()[0]  # again, under the lock
            for step in MIGRATIONS[version:]:
                step(db)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute("COMMIT")
        finally:
            db.close()

    # ---- writing ----------------------------------------------------------------------------

    def save(self, comparison: Comparison, screens: Sequence[Sequence[Screen]], backend: str,
             model: str | None = None) -> int:
        """Store a card with its screenshots (copied) and OCR lines; returns its id (also set on `comparison.id`)."""
        stored = [[self._keep_image(s) for s in product] for product in screens]
        with self._tx(write=True) as db:
            cid = self._insert(db, comparison, _now(), backend, model, False)
            for p, product in enumerate(screens):
                for i, screen in enumerate(product):
                    db.execute("INSERT INTO screens (comparison_id, product_idx, position, sha256, name,"
                               " stored, lines) VALUES (?,?,?,?,?,?,?)",
                               (cid, p, i, screen.loaded.sha256, screen.name, stored[p][i], _lines_json(screen.lines)))
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

    def _keep_image(self, screen: Screen) -> str:
        """Copy a screenshot to screens/<sha>.<ext> (whole file: temp then rename); returns the relative path."""
        source = screen.loaded.path
        ext = source.suffix.lower() if source else ".png"
        rel = f"screens/{screen.loaded.sha256}{ext}"
        if not _in_store(rel):  # any other suffix: the bytes are still an allowed image, kept under .png
            rel = f"screens/{screen.loaded.sha256}.png"
        target = self.home / rel
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f"{target.name}.{os.getpid()}.part")
            try:
                if source is None:
                    raise FileNotFoundError  # an image held only in memory
                shutil.copyfile(source, tmp)
            except OSError:
                screen.loaded.image.save(tmp, format="PNG")
            os.replace(tmp, target)
        return rel

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
                       (id, product_index, int(up), _now()))
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
                             " VALUES (?,?,?,?,?,?)", (id, _now(), question, json.dumps(answer), source, engine))
            return cur.lastrowid

    # ---- reading ----------------------------------------------------------------------------

    def get(self, id: int) -> Comparison:
        """The saved card, with `id` set and `community` filled from the votes."""
        with self._tx() as db:
            row = self._require(db, id)
            comparison = Comparison.model_validate_json(row["data"])
            votes = self._community(db, id)
        comparison.id = id
        for i, product in enumerate(comparison.products):
            product.community = votes.get(i, Community())
        return comparison

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
        return [SavedAnswer(id=a["id"], created_at=a["created_at"], question=a["question"],
                            answer=json.loads(a["answer"]), source=a["source"], engine=a["engine"]) for a in found]

    def _screen_rows(self, id: int) -> list[list[sqlite3.Row]]:
        with self._tx() as db:
            row = self._require(db, id)
            found = db.execute("SELECT * FROM screens WHERE comparison_id = ? ORDER BY product_idx, position",
                               (id,)).fetchall()
        products: list[list[sqlite3.Row]] = [[] for _ in Comparison.model_validate_json(row["data"]).products]
        for s in found:
            products[s["product_idx"]].append(s)
        return products

    def screens(self, id: int) -> list[list[Path]]:
        """Per product, the stored copies of its screenshots (absolute paths; only those in the store)."""
        return [[path for _, path in product] for product in self.screen_files(id)]

    def screen_files(self, id: int) -> list[list[tuple[str, Path]]]:
        """Per product, (original file name, stored copy) of each screenshot whose copy is in the store."""
        return [[(s["name"], path) for s in product if (path := self._image_path(s)) is not None]
                for product in self._screen_rows(id)]

    def lines(self, id: int) -> list[list[OcrLine]]:
        """Per product, the OCR lines of all its screenshots, as read when the card was made."""
        return [[ln for s in product for ln in _lines_from(s["lines"], s["name"])] for product in self._screen_rows(id)]

    def load_screens(self, id: int) -> list[list[Screen]]:
        """Per product, Screens rebuilt from the stored copies and stored OCR lines (no OCR is re-run)."""
        from .images import load_image

        result = []
        for product in self._screen_rows(id):
            screens = []
            for s in product:
                path = self._image_path(s)
                if path is None:
                    continue
                loaded = replace(load_image(path), name=s["name"])  # the stored copy, under the name it was given
                screens.append(Screen(loaded=loaded, lines=_lines_from(s["lines"], s["name"])))
            result.append(screens)
        return result

    def _image_path(self, s: sqlite3.Row) -> Path | None:
        """The stored copy, only ever inside `<home>/screens/`; None when the row has none."""
        if s["stored"] and _in_store(s["stored"]) and (self.home / s["stored"]).is_file():
            return self.home / s["stored"]
        return None

    def product_index(self, id: int, product: str | int) -> int:
        """0-based index of a product given as a 1-based index or its name (case ignored)."""
        names = [p.facts.name or "" for p in self.get(id).products]
        text = str(product).strip()
        if text.isdigit() and 1 <= int(text) <= len(names):
            return int(text) - 1
        matches = [i for i, n in enumerate(names) if n.lower() == text.lower()] or \
                  [i for i, n in enumerate(names) if text.lower() in n.lower()]
        if len(matches) == 1:
            return matches[0]
        choices = ", ".join(f"{i + 1} ({n or 'unnamed'})" for i, n in enumerate(names))
        raise ShipcardError(f"Card #{id} has no single product '{product}'.", f"Use one of: {choices}.")

    # ---- export / import ---------------------------------------------------------------------

    def export(self, ids: Sequence[int] | None = None, images: bool = True) -> dict:
        """A JSON-ready dict of the given cards (all when None), with votes, answers, OCR lines and images."""
        ids = list(ids) if ids is not None else [r.id for r in reversed(self.rows())]
        cards = []
        for cid in ids:
            meta = self.meta(cid)
            with self._tx() as db:
                votes = db.execute("SELECT product_idx, up, created_at FROM votes WHERE comparison_id = ? ORDER BY id",
                                   (cid,)).fetchall()
            cards.append(_ExportCard(
                created_at=meta["created_at"], backend=meta["backend"], model=meta["model"], bookmarked=meta["bookmarked"],
                comparison=self.get(cid).model_copy(update={"id": None}),
                screens=[[self._export_screen(s, images) for s in product] for product in self._screen_rows(cid)],
                votes=[dict(v) for v in votes],
                answers=[a.model_dump(exclude={"id"}) for a in self.answers(cid)],
            ))
        return _Export(format=EXPORT_FORMAT, version=SCHEMA_VERSION, cards=cards).model_dump(mode="json")

    def _export_screen(self, s: sqlite3.Row, images: bool) -> _ExportScreen:
        path = self._image_path(s)
        data = base64.b64encode(path.read_bytes()).decode() if images and path is not None else None
        return _ExportScreen(sha256=s["sha256"], name=s["name"], ext=path.suffix if path else ".png",
                             lines=json.loads(s["lines"]), image_b64=data)

    def import_(self, data: dict) -> list[int]:
        """Add the cards of an export; returns their new ids. All or nothing (one transaction)."""
        try:
            parsed = _Export.model_validate(data)
        except ValidationError as exc:
            raise ShipcardError(f"Not a shipcard export ({exc.errors()[0]['msg']}).",
                                "Pass a file written by `shipcard export`.") from None
        if parsed.format != EXPORT_FORMAT:
            raise ShipcardError("Not a shipcard export.", "Pass a file written by `shipcard export`.")
        stored = [[self._import_image(s) for s in product] for card in parsed.cards for product in card.screens]
        ids, k = [], 0
        with self._tx(write=True) as db:
            for card in parsed.cards:
                cid = self._insert(db, card.comparison, card.created_at, card.backend, card.model, card.bookmarked)
                for p, product in enumerate(card.screens):
                    for i, s in enumerate(product):
                        db.execute("INSERT INTO screens (comparison_id, product_idx, position, sha256, name,"
                                   " stored, lines) VALUES (?,?,?,?,?,?,?)",
                                   (cid, p, i, s.sha256, s.name, stored[k + p][i], json.dumps(s.lines)))
                k += len(card.screens)
                for v in card.votes:
                    db.execute("INSERT INTO votes (comparison_id, product_idx, up, created_at) VALUES (?,?,?,?)",
                               (cid, v["product_idx"], int(v["up"]), v.get("created_at") or _now()))
                for a in card.answers:
                    db.execute("INSERT INTO answers (comparison_id, created_at, question, answer, source, engine)"
                               " VALUES (?,?,?,?,?,?)", (cid, a["created_at"], a["question"], json.dumps(a["answer"]),
                                                          a["source"], a.get("engine")))
                ids.append(cid)
        return ids

    def _import_image(self, s: _ExportScreen) -> str | None:
        if not s.image_b64:
            return None
        raw = base64.b64decode(s.image_b64)
        if hashlib.sha256(raw).hexdigest() != s.sha256:
            raise ShipcardError(f"Screenshot {s.name} in the export is damaged (hash mismatch).",
                                "Export the card again.")
        ext = s.ext.lower() if _in_store(f"screens/{s.sha256}{s.ext.lower()}") else ".png"
        rel = f"screens/{s.sha256}{ext}"
        target = self.home / rel
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f"{target.name}.{os.getpid()}.part")
            tmp.write_bytes(raw)
            os.replace(tmp, target)
        return rel

    # ---- helpers ----------------------------------------------------------------------------

    def _require(self, db, id: int) -> sqlite3.Row:
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
