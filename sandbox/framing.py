"""Length-prefixed frames on raw file descriptors, bounded so a peer cannot make us buffer forever."""

from __future__ import annotations

import os
import struct

_LENGTH = struct.Struct("<Q")


class FrameError(OSError):
    """The peer closed mid-frame or announced a frame over the cap."""


def write_frame(fd: int, data: bytes | bytearray | memoryview) -> None:
    """Write one frame, retrying partial writes."""
    _write_all(fd, _LENGTH.pack(len(data)))
    _write_all(fd, data)


def _write_all(fd: int, data: bytes | bytearray | memoryview) -> None:
    view = memoryview(data).cast("B")
    while view:
        written = os.write(fd, view)
        view = view[written:]


def read_frame(fd: int, *, max_bytes: int) -> bytearray:
    """Read one frame into a fresh bytearray (so the caller can wipe it after use)."""
    header = _read_exactly(fd, _LENGTH.size)
    (length,) = _LENGTH.unpack(header)
    if length > max_bytes:
        raise FrameError(f"frame of {length} bytes is over the {max_bytes}-byte cap")
    return _read_exactly(fd, length)


def _read_exactly(fd: int, count: int) -> bytearray:
    buffer = bytearray(count)
    view = memoryview(buffer)
    got = 0
    while got < count:
        n = os.readv(fd, [view[got:]])
        if n == 0:
            raise FrameError("peer closed the pipe mid-frame" if got or count else "peer closed the pipe")
        got += n
    return buffer


def frame_length(header: bytes | bytearray) -> int:
    """The payload length announced by an 8-byte frame header."""
    return int(_LENGTH.unpack(bytes(header))[0])


HEADER_BYTES = _LENGTH.size
