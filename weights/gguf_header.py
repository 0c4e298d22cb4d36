"""The header of a GGUF file, read in milliseconds: its scalar metadata and its tensor table.

`gguf.GGUFReader` builds a numpy view for every element of every field; for a text model's 49k-token
vocabulary and its merges that takes 2-4 s a file, and shipcard used to pay it on each model call. This reader
keeps scalars and strings, skips arrays (keeping their lengths), and sizes each tensor with the gguf package's
own quantization table. Writing a GGUF stays with the gguf package.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

_SCALARS = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?", 10: "<Q", 11: "<q", 12: "<d"}
_STRING, _ARRAY = 8, 9
_LONGEST_STRING = 1 << 24  # chat templates are kilobytes: a longer length means a damaged file

Value = int | float | bool | str  # a metadata field this reader keeps: a scalar or a string


@dataclass(frozen=True)
class TensorInfo:
    name: str
    shape: tuple[int, ...]
    ggml_type: int
    offset: int  # from the start of the data section
    n_bytes: int


@dataclass(frozen=True)
class GgufHeader:
    fields: dict[str, Value]  # scalars and strings
    array_lengths: dict[str, int]  # arrays: their element counts only
    tensors: list[TensorInfo]
    data_start: int

    @property
    def data_end(self) -> int:
        """Where the last tensor's bytes end: a file shorter than this is truncated."""
        return self.data_start + max((t.offset + t.n_bytes for t in self.tensors), default=0)


def read_header(path: str | Path, only: set[str] | None = None) -> GgufHeader:
    """The header of `path`; with `only`, stop once those keys are read (no tensor table). ValueError if not GGUF."""
    with open(path, "rb") as f:
        if f.read(4) != b"GGUF":
            raise ValueError(f"{Path(path).name} is not a GGUF file")
        _unpack(f, "<I")  # version
        n_tensors, n_kv = _unpack(f, "<Q"), _unpack(f, "<Q")
        fields: dict[str, Value] = {}
        lengths: dict[str, int] = {}
        for _ in range(n_kv):
            key = _string(f)
            kind = _unpack(f, "<I")
            if kind == _ARRAY:
                lengths[key] = _skip_array(f)
            else:
                fields[key] = _value(f, kind)
            if only is not None and only <= fields.keys():
                return GgufHeader(fields, lengths, [], 0)
        if only is not None:
            return GgufHeader(fields, lengths, [], 0)
        tensors = [_tensor(f) for _ in range(n_tensors)]
        alignment = int(fields.get("general.alignment", 32))
        return GgufHeader(fields, lengths, tensors, f.tell() + (-f.tell() % alignment))


def field(path: str | Path, key: str) -> Value | None:
    """One metadata value (a scalar or a string), None where the file lacks it."""
    return read_header(path, {key}).fields.get(key)


def read_arrays(path: str | Path, keys: set[str]) -> dict[str, list]:
    """The arrays named in `keys` (a tokenizer's tokens, types, merges), read whole; absent keys are left out."""
    found: dict[str, list] = {}
    with open(path, "rb") as f:
        if f.read(4) != b"GGUF":
            raise ValueError(f"{Path(path).name} is not a GGUF file")
        _unpack(f, "<I")
        _unpack(f, "<Q")
        for _ in range(_unpack(f, "<Q")):
            key = _string(f)
            kind = _unpack(f, "<I")
            if kind != _ARRAY:
                _value(f, kind)
            elif key in keys:
                found[key] = _array(f)
            else:
                _skip_array(f)
            if found.keys() == keys:
                break
    return found


def _array(f: BinaryIO) -> list:
    kind, count = _unpack(f, "<I"), _unpack(f, "<Q")
    if kind == _STRING:
        return [_string(f) for _ in range(count)]
    if kind not in _SCALARS:
        raise ValueError(f"unsupported GGUF array type {kind}")
    fmt = _SCALARS[kind]
    data = f.read(count * struct.calcsize(fmt))
    if len(data) != count * struct.calcsize(fmt):
        raise ValueError("GGUF header ends early")
    return list(struct.unpack(f"<{count}{fmt[1]}", data))


def _unpack(f: BinaryIO, fmt: str):
    size = struct.calcsize(fmt)
    data = f.read(size)
    if len(data) != size:
        raise ValueError("GGUF header ends early")
    return struct.unpack(fmt, data)[0]


def _string(f: BinaryIO) -> str:
    n = _unpack(f, "<Q")
    if n > _LONGEST_STRING:
        raise ValueError("GGUF header holds an impossible string length")
    data = f.read(n)
    if len(data) != n:
        raise ValueError("GGUF header ends early")
    return data.decode("utf-8", errors="replace")


def _value(f: BinaryIO, kind: int) -> Value:
    if kind == _STRING:
        return _string(f)
    if kind not in _SCALARS:
        raise ValueError(f"unknown GGUF value type {kind}")
    return _unpack(f, _SCALARS[kind])


def _skip_array(f: BinaryIO) -> int:
    kind, count = _unpack(f, "<I"), _unpack(f, "<Q")
    if kind == _STRING:
        for _ in range(count):
            f.seek(_unpack(f, "<Q"), 1)
    elif kind in _SCALARS:
        f.seek(count * struct.calcsize(_SCALARS[kind]), 1)
    else:
        raise ValueError(f"unsupported GGUF array type {kind}")
    return count


def _tensor(f: BinaryIO) -> TensorInfo:
    from gguf import GGML_QUANT_SIZES, GGMLQuantizationType

    name = _string(f)
    shape = tuple(_unpack(f, "<Q") for _ in range(_unpack(f, "<I")))
    ggml_type, offset = _unpack(f, "<I"), _unpack(f, "<Q")
    block, size = GGML_QUANT_SIZES[GGMLQuantizationType(ggml_type)]
    n = 1
    for d in shape:
        n *= d
    return TensorInfo(name, shape, ggml_type, offset, n // block * size)
