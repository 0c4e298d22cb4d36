"""Local history: every card, its screenshots, OCR lines, answers, votes and bookmarks, in one SQLite file.

Where: `$SHIPCARD_HOME/history.db` when SHIPCARD_HOME is set, else platformdirs' `user_data_dir("shipcard")`.
Screenshots are copied to `<home>/screens/<sha256>.<ext>` so answers and the UI still work after the
originals move.

    db.py        connections, transactions, each card's rows (the `History` class)
    schema.py    the tables and their migrations (`PRAGMA user_version`)
    store.py     the screenshot store: the only image files the history reads
    transfer.py  export and import
    rows.py      what listings return, and how OCR lines are kept

Public API (used by the CLI, the session and the Gradio UI; keep it stable; a product by name or number is the
session's: assistant.session.product_index):
    History(path=None) / History.default()
    save(comparison, screens, backend, model=None) -> int
    get(id) -> Comparison                 rows() -> list[HistoryRow]
    update(id, comparison)                 (replace a card, e.g. after Claude escalation)
    vote(id, product_index, up)            bookmark(id, on)
    add_answer(id, question, answer, source, engine="") -> int      answers(id) -> list[SavedAnswer]
    screens(id) -> list[list[Path]]        screen_files(id) -> list[list[(name, Path)]]
    lines(id) -> list[list[OcrLine]]       load_screens(id) -> list[list[Screen]]
    export(ids=None) -> dict               import_(data) -> list[int]
"""

from .db import BUSY_TIMEOUT_MS, DB_NAME, History, default_home
from .rows import HistoryRow, ProductRow, SavedAnswer
from .schema import MIGRATIONS, SCHEMA_VERSION
from .transfer import EXPORT_FORMAT

__all__ = ["BUSY_TIMEOUT_MS", "DB_NAME", "EXPORT_FORMAT", "MIGRATIONS", "SCHEMA_VERSION", "History", "HistoryRow",
           "ProductRow", "SavedAnswer", "default_home"]
