"""Files in and out: write a file whole or not at all (a temp `.part` beside it, fsync, then one rename over the
target); read a file a person named only when it is a regular file of bounded size (`read_regular`)."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
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


def out_folder(out: Path, holds: str) -> Path:
    """`--out DIR`, made if missing; a file in its place, or a folder that cannot be made, is one line that says what
    to pass (`holds`: what DIR is for, e.g. "the cards, results.jsonl and summary.json")."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise ShipcardError(f"--out {printable(out)} is a file, not a folder.",
                            f"Pass --out DIR, a folder for {holds}.") from None
    except OSError as exc:
        fix = ("The folder is read-only: pass another --out." if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM)
               else "Pass --out DIR, a folder you can write.")
        raise ShipcardError(f"Cannot make --out {printable(out)} ({exc.strerror or exc}).", fix) from None
    return out


def regular_file(path: str | Path, limit: int, what: str = "file") -> int:
    """`path`'s size, checked from the file system before anything opens it: a regular file (not a device, a
    pipe or a folder) of at most `limit` bytes, else one-line BadInputError."""
    from .errors import BadInputError

    name = printable(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        fix = "Check the path." if exc.errno == errno.ENOENT else "Check the file and its permissions."
        raise BadInputError(f"{name}: cannot read it ({exc.strerror or exc}).", fix) from None
    if not stat.S_ISREG(st.st_mode):
        kind = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file (a device, pipe or socket)"
        raise BadInputError(f"{name}: {kind}.", f"Pass a {what} saved on disk.")
    if st.st_size > limit:
        raise BadInputError(f"{name}: {st.st_size // 2**20} MiB, over the {what} limit of {limit // 2**20} MiB.",
                            f"Pass a smaller {what}.")
    return st.st_size


def read_regular(path: str | Path, limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most `limit` bytes (checked before opening), read with a bound: a
    file that grows past the limit while read is refused too, and a pipe swapped in never blocks."""
    from .errors import BadInputError

    regular_file(path, limit, what)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):  # swapped between the check and the open
                raise BadInputError(f"{printable(path)}: not a regular file.", f"Pass a {what} saved on disk.")
            data = f.read(limit + 1)
    except OSError as exc:
        raise BadInputError(f"{printable(path)}: cannot read it ({exc.strerror or exc}).",
                            "Check the file and its permissions.") from None
    if len(data) > limit:
        raise BadInputError(f"{printable(path)}: over the {what} limit of {limit // 2**20} MiB.", f"Pass a smaller {what}.")
    return data
