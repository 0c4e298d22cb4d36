"""Write a copy of a GGUF file with some metadata keys set: edited where present, added where not.

The source is never touched (`weights verify` checks its hash). The copy keeps every other key's bytes, the
tensor table and the tensor data as they are; only the data section moves when the header grows, and tensor
offsets count from the start of that section, so they stay valid. Written whole or not at all
(`common.files.atomic_path`).
"""

from __future__ import annotations

import shutil
import struct
from pathlib import Path
from typing import BinaryIO

from .gguf_header import _ARRAY, _SCALARS, _skip_array, _string, _unpack, _value

_UINT32 = 4


def set_keys(src: str | Path, dst: str | Path, values: dict[str, int]) -> Path:
    """Copy `src` to `dst` with each key of `values` set to that uint32, added where `src` lacks it."""
    from common.files import atomic_path

    src, dst = Path(src), Path(dst)
    with open(src, "rb") as f:
        head, kv, n_tensors, alignment = _read_kv(f)
        table = _tensor_table(f, n_tensors)
        old_data = f.tell() + (-f.tell() % alignment)
        kept = [raw for key, raw in kv if key not in values]
        entries = kept + [_uint32_entry(key, value) for key, value in values.items()]
        header = head + struct.pack("<QQ", n_tensors, len(entries)) + b"".join(entries) + table
        header += b"\0" * (-len(header) % alignment)
        with atomic_path(dst) as partial, open(partial, "wb") as out:
            out.write(header)
            f.seek(old_data)
            shutil.copyfileobj(f, out, 1 << 22)
    return dst


def _read_kv(f: BinaryIO) -> tuple[bytes, list[tuple[str, bytes]], int, int]:
    """(magic + version bytes, [(key, raw bytes of the entry)], tensor count, alignment); ValueError if not GGUF."""
    head = f.read(8)
    if head[:4] != b"GGUF":
        raise ValueError(f"{Path(f.name).name} is not a GGUF file")
    n_tensors, n_kv = _unpack(f, "<Q"), _unpack(f, "<Q")
    entries, alignment = [], 32
    for _ in range(n_kv):
        start = f.tell()
        key = _string(f)
        kind = _unpack(f, "<I")
        value = _skip_array(f) if kind == _ARRAY else _value(f, kind)
        if key == "general.alignment":
            alignment = int(value)
        end = f.tell()
        f.seek(start)
        entries.append((key, f.read(end - start)))
    return head, entries, n_tensors, alignment


def _tensor_table(f: BinaryIO, n_tensors: int) -> bytes:
    start = f.tell()
    for _ in range(n_tensors):
        _string(f)
        f.seek(8 * _unpack(f, "<I") + 4 + 8, 1)  # dims, type, offset
    end = f.tell()
    f.seek(start)
    return f.read(end - start)


def _uint32_entry(key: str, value: int) -> bytes:
    name = key.encode()
    return struct.pack("<Q", len(name)) + name + struct.pack("<I", _UINT32) + struct.pack(_SCALARS[_UINT32], value)

