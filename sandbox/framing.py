"""Length-prefixed frames on raw file descriptors, bounded so a peer cannot make us buffer forever."""

from __future__ import annotations

import mmap
import os
import struct
from typing import TypeVar

_LENGTH = struct.Struct("<Q")
_Buffer = TypeVar("_Buffer", bytearray, mmap.mmap)


class FrameError(OSError):
    """The peer closed mid-frame or announced a frame over the cap."""


COALESCE_BYTES = 64 * 1024  # smaller pieces are joined before writing: one system call, not hundreds


def write_frame(fd: int, data: bytes | bytearray | memoryview | list[bytes | memoryview], *,
                max_write_bytes: int | None = None) -> None:
    """Write one frame (from one buffer or from pieces written in order), retrying partial writes.

    `max_write_bytes` caps each write: on a SOCK_SEQPACKET socket every write is one message.
    """
    parts: list[bytes | bytearray | memoryview] = list(data) if isinstance(data, list) else [data]
    pending: list[bytes | bytearray | memoryview] = [_LENGTH.pack(payload_bytes(parts))]
    for part in parts:
        if memoryview(part).nbytes >= COALESCE_BYTES:
            _write_all(fd, b"".join(pending), max_write_bytes)
            pending = []
            _write_all(fd, part, max_write_bytes)
        else:
            pending.append(part)
    _write_all(fd, b"".join(pending), max_write_bytes)


def write_frame_in_place(fd: int, data: memoryview) -> None:
    """Write one frame straight from `data`: no piece of it is ever joined into a new bytes object."""
    _write_all(fd, _LENGTH.pack(data.nbytes))
    if data.nbytes:
        _write_all(fd, data)


def payload_bytes(parts: list[bytes | bytearray | memoryview] | list[bytes | memoryview]) -> int:
    """How long a frame written from these pieces is (its header excluded)."""
    return sum(memoryview(part).nbytes for part in parts)


def _write_all(fd: int, data: bytes | bytearray | memoryview, max_write_bytes: int | None = None) -> None:
    view = memoryview(data).cast("B")
    while view:
        written = os.write(fd, view[:max_write_bytes] if max_write_bytes else view)
        view = view[written:]


def read_frame(fd: int, *, max_bytes: int) -> bytearray:
    """Read one frame into a fresh bytearray (so the caller can wipe it after use)."""
    length = _read_length(fd, max_bytes)
    return _read_into(fd, bytearray(length))


def read_frame_mapped(fd: int, *, max_bytes: int) -> mmap.mmap | bytearray:
    """Read one frame into a mapping of its own, which the caller can unmap instead of wiping.

    A forked child keeps its own reference to the pages; the parent's munmap then costs nothing,
    where overwriting a shared bytearray would make the kernel copy every page first.
    (An empty frame cannot be mapped: it comes back as an empty bytearray.)
    """
    length = _read_length(fd, max_bytes)
    if length == 0:
        return bytearray()
    return _read_into(fd, mmap.mmap(-1, length, flags=mmap.MAP_PRIVATE))


def _read_length(fd: int, max_bytes: int) -> int:
    header = _read_into(fd, bytearray(_LENGTH.size))
    (length,) = _LENGTH.unpack(header)
    if length > max_bytes:
        raise FrameError(f"frame of {length} bytes is over the {max_bytes}-byte cap")
    return int(length)


def _read_into(fd: int, buffer: _Buffer) -> _Buffer:
    view = memoryview(buffer)
    count, got = len(view), 0
    while got < count:
        n = os.readv(fd, [view[got:]])
        if n == 0:
            raise FrameError("peer closed the pipe mid-frame" if got or count else "peer closed the pipe")
        got += n
    view.release()
    return buffer


def frame_length(header: bytes | bytearray) -> int:
    """The payload length announced by an 8-byte frame header."""
    return int(_LENGTH.unpack(bytes(header))[0])


HEADER_BYTES = _LENGTH.size
