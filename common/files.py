"""Write a file whole or not at all: a temp `.part` beside it, fsync, then one rename over the target."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from .errors import ShipcardError
from .sanitize import printable

_FIXES: dict[int | None, str] = {  # by OSError.errno, which may be None
    errno.ENOSPC: "Free some disk space, or write to another folder.",
    errno.EDQUOT: "Free some disk space, or write to another folder.",
    errno.EROFS: "The disk is read-only: write to another folder.",
    errno.EACCES: "Write to a folder you own, or fix its permissions.",
    errno.EPERM: "Write to a folder you own, or fix its permissions.",
}


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temp path in `path`'s folder to write; on success it replaces `path`, on any error it is removed.

    Readers see the old file or the new one, never half of one. An OSError (disk full, read-only disk)
    becomes a one-line ShipcardError naming the file and the fix.
    """
    path = Path(path)
    if path.is_dir() or not path.name:
        raise ShipcardError(f"Cannot write {printable(path)}: it is a folder.", "Name a file inside it.")
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(4)}.part")  # two writers never share one
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))  # the umask decides, as for any file
    except OSError as exc:
        raise _for_person(path, exc) from None
    try:
        yield tmp
        _fsync(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        raise _for_person(path, exc) from None
    finally:
        tmp.unlink(missing_ok=True)


def atomic_write(path: str | Path, data: bytes | str) -> Path:
    """Write `data` (text as UTF-8) to `path` whole; returns the path."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return Path(path)


def _fsync(path: Path) -> None:
    """The bytes reach the disk before the rename makes them the file (a crash leaves old or new, not empty)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _for_person(path: Path, exc: OSError) -> ShipcardError:
    fix = _FIXES.get(exc.errno, "Check that the folder exists and is writable, or write to another folder.")
    return ShipcardError(f"Cannot write {printable(path)} ({exc.strerror or exc}).", fix)
