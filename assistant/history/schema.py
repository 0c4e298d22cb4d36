"""The history's tables, and the migrations that take an older database to this shipcard's schema.

Versioned with `PRAGMA user_version`; `MIGRATIONS[i]` takes a database from version i to i + 1.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

from ..errors import ShipcardError
from .store import in_store

log = logging.getLogger(__name__)


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
        if row[4] is not None and in_store(row[4]):
            continue
        db.execute("UPDATE screens SET stored = NULL WHERE comparison_id = ? AND product_idx = ? AND position = ?",
                   row[:3])
        log.warning("history: card #%s: screenshot %r had no copy in shipcard's store; its image was dropped "
                    "(its OCR lines are kept).", row[0], _printable(row[3]))
    db.execute("UPDATE screens SET source_path = NULL")


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(db: sqlite3.Connection, path: Path) -> None:
    """Bring the database at `path` (open as `db`) to SCHEMA_VERSION, in one transaction; refuse a newer one."""
    if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        db.execute("PRAGMA journal_mode = WAL")
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise ShipcardError(f"The history database {path} is from a newer shipcard (schema {version}).",
                            "Upgrade shipcard, or set SHIPCARD_HOME to another folder.")
    if version == SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    version = db.execute("PRAGMA user_version").fetchone()[0]  # again, under the lock
    for step in MIGRATIONS[version:]:
        step(db)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    db.execute("COMMIT")


def _printable(text: str) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in text)
