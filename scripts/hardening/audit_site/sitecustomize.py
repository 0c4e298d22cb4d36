"""Loaded by the bad-input corpus (scripts/hardening/corpus.py) through PYTHONPATH: logs every file Python opens.

Each `open` audit event appends the path to $SHIPCARD_AUDIT_LOG; the corpus then flags any path outside the
case's own folder (its inputs and its home) and Python's own files.
"""

import os
import sys

_LOG = os.environ.get("SHIPCARD_AUDIT_LOG")

if _LOG:
    _seen: set = set()

    def _hook(event, args):
        if event != "open" or not args or not isinstance(args[0], (str, bytes, os.PathLike)):
            return
        path = os.fsdecode(args[0])
        if path in _seen:
            return
        _seen.add(path)
        with open(_LOG, "a", encoding="utf-8", errors="replace") as f:  # an `open` event of its own: seen, skipped
            f.write(os.path.abspath(path) + "\n")

    _seen.add(_LOG)
    sys.addaudithook(_hook)
