"""A strict binary encoding of plain data and NumPy arrays: the only thing that crosses the sandbox.

Never pickle: unpickling runs code chosen by whoever wrote the bytes. This format knows
exact types only (None, bool, int, float, complex, str, bytes, list, tuple, dict, and
ndarray / NumPy scalars of bool, integer, float or complex dtype). The decoder treats its
input as hostile: every length is bounded and checked, and anything off raises DecodeError.
"""

from __future__ import annotations

import mmap
import struct
from typing import Any

import numpy as np

MAX_DEPTH = 32
MAX_INT_DIGITS = 4000  # below Python's own int/str conversion limit (4300 digits)
MAX_ITEMS = 1_000_000
_ALLOWED_KINDS = frozenset("biufc")
_ALLOWED_ITEMSIZES = {"b": {1}, "i": {1, 2, 4, 8}, "u": {1, 2, 4, 8}, "f": {2, 4, 8}, "c": {8, 16}}
_U32 = struct.Struct("<I")
_U64 = struct.Struct("<Q")
_F64 = struct.Struct("<d")
_C128 = struct.Struct("<dd")


class EncodeError(ValueError):
    """A value is not plain data; the message says where and what to return instead."""


class DecodeError(ValueError):
    """The bytes are not a well-formed encoding (truncated, oversized or of a banned type)."""


Parts = list[bytes | memoryview]


def encode(value: Any) -> bytes:
    """Encode plain data; raise EncodeError naming the first value of a disallowed type."""
    return b"".join(encode_parts(value))


def encode_parts(value: Any) -> Parts:
    """The encoding as a list of pieces, arrays' data as views of their memory (not copied).

    Joined, they are `encode(value)`; written one after another (framing.write_frame), a job
    with 128 MB of inputs reaches its executor without two 128 MB copies on the way.
    """
    parts: Parts = []
    _encode(value, parts, "result", 0)
    return parts


def _encode(value: Any, parts: Parts, path: str, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise EncodeError(f"{path} is nested more than {MAX_DEPTH} levels deep")
    kind = type(value)  # exact types only: a subclass could lie in __eq__, __len__, __iter__...
    if value is None:
        parts.append(b"N")
    elif kind is bool:
        parts.append(b"T" if value else b"F")
    elif kind is int:
        try:
            digits = int.__repr__(value).encode()
        except ValueError:  # over Python's conversion limit
            raise EncodeError(f"{path} is an integer with more than {MAX_INT_DIGITS} digits") from None
        if len(digits) > MAX_INT_DIGITS:
            raise EncodeError(f"{path} is an integer with more than {MAX_INT_DIGITS} digits")
        parts += [b"I", _U32.pack(len(digits)), digits]
    elif kind is float:
        parts += [b"D", _F64.pack(value)]
    elif kind is complex:
        parts += [b"C", _C128.pack(value.real, value.imag)]
    elif kind is str:
        try:
            data = str.encode(value, "utf-8")
        except UnicodeEncodeError:
            raise EncodeError(f"{path} is a string that is not valid Unicode") from None
        parts += [b"S", _U64.pack(len(data)), data]
    elif kind is bytes:
        parts += [b"B", _U64.pack(len(value)), value]
    elif kind is list or kind is tuple:
        items = list.copy(value) if kind is list else tuple(tuple.__iter__(value))
        parts += [b"L" if kind is list else b"U", _U32.pack(len(items))]
        for index, item in enumerate(items):
            _encode(item, parts, f"{path}[{index}]", depth + 1)
    elif kind is dict:
        pairs = list(dict.items(value))
        parts += [b"M", _U32.pack(len(pairs))]
        for key, item in pairs:
            if type(key) is not str and type(key) is not int:
                raise EncodeError(f"{path} has a key of type {type(key).__name__}; use str keys")
            _encode(key, parts, path, depth + 1)
            _encode(item, parts, f"{path}[{key!r}]", depth + 1)
    elif kind is np.ndarray:
        _encode_array(value, parts, path)
    elif isinstance(value, np.generic) and _is_exact_scalar_type(kind):
        dtype = _check_dtype(np.dtype(kind), path)
        parts += [b"G", _dtype_bytes(dtype), np.asarray(value, dtype=dtype).tobytes()]
    elif isinstance(value, np.ndarray):
        raise EncodeError(
            f"{path} is a {kind.__name__} (a subclass of numpy.ndarray); return a plain array, e.g. np.asarray(x)"
        )
    else:
        raise EncodeError(
            f"{path} is a {kind.__name__}; return numbers, strings, lists, tuples, dicts or numpy arrays"
        )


def _is_exact_scalar_type(kind: type) -> bool:
    try:
        return kind is np.dtype(kind).type
    except TypeError:
        return False


def _encode_array(array: np.ndarray, parts: Parts, path: str) -> None:
    dtype = _check_dtype(array.dtype, path)
    if array.dtype != dtype:
        array = array.astype(dtype)
    data = memoryview(np.ascontiguousarray(array).reshape(-1).view(np.uint8).data)
    parts += [b"A", _dtype_bytes(dtype), bytes([array.ndim])]
    parts += [_U64.pack(size) for size in array.shape]
    parts += [_U64.pack(len(data)), data]


def _check_dtype(dtype: np.dtype[Any], path: str) -> np.dtype[Any]:
    if dtype.kind not in _ALLOWED_KINDS or dtype.fields is not None or dtype.subdtype is not None:
        raise EncodeError(f"{path} has dtype {dtype}; only bool, integer, float and complex arrays can be returned")
    if dtype.itemsize not in _ALLOWED_ITEMSIZES[dtype.kind]:
        raise EncodeError(f"{path} has dtype {dtype}, whose size is not supported")
    return dtype.newbyteorder("<") if dtype.byteorder == ">" else dtype


def _dtype_bytes(dtype: np.dtype[Any]) -> bytes:
    text = dtype.str.encode()
    return bytes([len(text)]) + text


def decode(data: bytes | bytearray | memoryview | mmap.mmap, *, max_bytes: int | None = None) -> Any:
    """Decode one value that must span all of `data`; raise DecodeError on anything malformed."""
    view = memoryview(data).cast("B")
    if max_bytes is not None and len(view) > max_bytes:
        raise DecodeError(f"encoded value of {len(view)} bytes is over the {max_bytes}-byte cap")
    reader = _Reader(view)
    value = reader.value(0)
    if reader.offset != len(view):
        raise DecodeError(f"{len(view) - reader.offset} trailing bytes after the value")
    return value


class _Reader:
    def __init__(self, view: memoryview) -> None:
        self.view = view
        self.offset = 0
        self.items = 0

    def take(self, count: int) -> memoryview:
        if count < 0 or self.offset + count > len(self.view):
            raise DecodeError("truncated value")
        chunk = self.view[self.offset : self.offset + count]
        self.offset += count
        return chunk

    def u32(self) -> int:
        return int(_U32.unpack(self.take(4))[0])

    def u64(self) -> int:
        return int(_U64.unpack(self.take(8))[0])

    def count(self) -> int:
        number = self.u32()
        self.items += number
        if self.items > MAX_ITEMS:
            raise DecodeError(f"more than {MAX_ITEMS} items")
        if number > len(self.view) - self.offset:  # every item takes at least one byte
            raise DecodeError("container longer than the data")
        return number

    def dtype(self) -> np.dtype[Any]:
        length = self.take(1)[0]
        raw = bytes(self.take(length))
        text = raw.decode("ascii", "replace")
        if (not raw.isascii() or len(text) < 3 or text[0] not in "<|" or text[1] not in _ALLOWED_KINDS
                or not text[2:].isdigit() or int(text[2:]) not in _ALLOWED_ITEMSIZES[text[1]]):
            raise DecodeError(f"unsupported dtype {text!r}")
        try:  # the checks above admit only dtypes NumPy knows; this is the second line, not the first
            dtype = np.dtype(text)
        except (TypeError, ValueError, OverflowError):
            raise DecodeError(f"unsupported dtype {text!r}") from None
        if dtype.kind != text[1] or dtype.itemsize not in _ALLOWED_ITEMSIZES[dtype.kind]:
            raise DecodeError(f"unsupported dtype {text!r}")
        return dtype

    def value(self, depth: int) -> Any:
        if depth > MAX_DEPTH + 1:
            raise DecodeError("nested too deeply")
        tag = bytes(self.take(1))
        if tag == b"N":
            return None
        if tag in (b"T", b"F"):
            return tag == b"T"
        if tag == b"I":
            length = self.u32()
            if length == 0 or length > MAX_INT_DIGITS + 1:
                raise DecodeError("integer of invalid length")
            raw = bytes(self.take(length))
            digits = raw[1:] if raw[:1] == b"-" else raw
            if not (raw.isascii() and digits.isdigit()):
                raise DecodeError("malformed integer")
            return int(raw)
        if tag == b"D":
            return float(_F64.unpack(self.take(8))[0])
        if tag == b"C":
            real, imag = _C128.unpack(self.take(16))
            return complex(real, imag)
        if tag == b"S":
            try:
                return bytes(self.take(self.u64())).decode("utf-8")
            except UnicodeDecodeError:
                raise DecodeError("string is not valid UTF-8") from None
        if tag == b"B":
            return bytes(self.take(self.u64()))
        if tag in (b"L", b"U"):
            items = [self.value(depth + 1) for _ in range(self.count())]
            return items if tag == b"L" else tuple(items)
        if tag == b"M":
            result: dict[Any, Any] = {}
            for _ in range(self.count()):
                key = self.value(depth + 1)
                if type(key) is not str and type(key) is not int:
                    raise DecodeError("dict key is not a str or int")
                result[key] = self.value(depth + 1)
            return result
        if tag == b"A":
            return self.array()
        if tag == b"G":
            dtype = self.dtype()
            return np.frombuffer(self.take(dtype.itemsize), dtype=dtype)[0].copy()
        raise DecodeError(f"unknown tag {tag!r}")

    def array(self) -> np.ndarray:
        dtype = self.dtype()
        ndim = self.take(1)[0]
        if ndim > 32:
            raise DecodeError("array has too many dimensions")
        shape = tuple(self.u64() for _ in range(ndim))
        nbytes = self.u64()
        expected = dtype.itemsize
        for size in shape:
            expected *= size  # Python ints: a hostile shape cannot overflow the product
        if nbytes != expected:
            raise DecodeError("array byte count does not match its shape")
        if any(size >= 2**62 for size in shape):  # an empty array may still claim a huge dimension
            raise DecodeError("array dimension is too large")
        data = self.take(nbytes)
        try:
            return np.frombuffer(data, dtype=dtype).reshape(shape).copy()
        except (ValueError, OverflowError, MemoryError) as exc:
            raise DecodeError(f"array cannot be built: {exc}") from None
