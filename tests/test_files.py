"""atomic_write: a file is written whole or not at all, and a disk error is one line with the fix."""

from __future__ import annotations

import errno
import os

import pytest

from assistant.errors import ShipcardError
from assistant.files import atomic_path, atomic_write


def test_writes_text_and_bytes_whole(tmp_path):
    assert atomic_write(tmp_path / "a" / "card.md", "héllo").read_text(encoding="utf-8") == "héllo"
    assert atomic_write(tmp_path / "b.bin", b"\x00\x01").read_bytes() == b"\x00\x01"
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["b.bin", "card.md"]
    mode = os.stat(tmp_path / "b.bin").st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask  # an ordinary file, not a private temp file


@pytest.mark.parametrize("code,fix", [(errno.ENOSPC, "disk space"), (errno.EROFS, "read-only"),
                                      (errno.EACCES, "permissions")])
def test_a_disk_error_is_one_line_and_keeps_the_old_file(tmp_path, code, fix):
    target = tmp_path / "card.html"
    target.write_text("old")
    with pytest.raises(ShipcardError) as caught, atomic_path(target) as tmp:
        tmp.write_text("half")
        raise OSError(code, os.strerror(code))
    message = str(caught.value)
    assert "\n" not in message and str(target) in message and fix in message
    assert target.read_text() == "old" and list(tmp_path.iterdir()) == [target]


def test_any_other_failure_removes_the_part_and_passes_through(tmp_path):
    with pytest.raises(ValueError), atomic_path(tmp_path / "card.png") as tmp:
        tmp.write_bytes(b"half")
        raise ValueError("render failed")
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_cannot_be_made_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ShipcardError, match=r"Cannot write .*file/out/card.md"):
        atomic_write(blocker / "out" / "card.md", "x")
