"""What a job writes to a pipe or its result channel, kept outside the executor's heap.

Freed memory is not erased, and every later job's process starts as a copy of the executor:
output or a result that once passed through the executor's heap (as `bytes` read from the
pipe, a growing `bytearray`, a joined frame) could be read back by the next job, which may be
another user's. So a capture reads the pipe straight into an anonymous mapping of its own,
sends it from there, and unmaps it.
"""

from __future__ import annotations

import mmap
import os
import socket
import struct

from sandbox import framing

_SCRATCH_BYTES = 1 << 16
_CREDENTIALS = struct.Struct("iII")  # struct ucred: pid, uid, gid


class PipeCapture:
    """Up to `keep_bytes` of a pipe's bytes, and how many there were in all."""

    def __init__(self, keep_bytes: int) -> None:
        self.keep_bytes = keep_bytes
        self._buffer = mmap.mmap(-1, max(keep_bytes, 1))
        self._overflow: mmap.mmap | None = None  # where bytes beyond the kept ones are read and dropped
        self.kept = 0
        self.total = 0

    def read_from(self, fd: int) -> int:
        """Read what the pipe has now into the capture; 0 means the pipe is closed."""
        if self.kept < self.keep_bytes:
            with memoryview(self._buffer) as view:
                count = os.readv(fd, [view[self.kept:self.keep_bytes]])
            self.kept += count
        else:
            if self._overflow is None:
                self._overflow = mmap.mmap(-1, _SCRATCH_BYTES)
            count = os.readv(fd, [self._overflow])
        self.total += count
        return count

    def receive_from(self, channel: socket.socket, *, sender_pid: int | None) -> int | None:
        """Receive one message from a SO_PASSCRED socket; keep it only if `sender_pid` sent it.

        Returns its length, or None when every sender has closed the socket. A message from
        anyone else is read over (the next one lands in the same place) and not counted; a
        message that did not fit counts as more than the capture keeps.
        """
        with memoryview(self._buffer) as view:
            if self.kept < self.keep_bytes:
                target = view[self.kept:self.keep_bytes]
            else:
                if self._overflow is None:
                    self._overflow = mmap.mmap(-1, _SCRATCH_BYTES)
                target = memoryview(self._overflow)
            count, ancillary, flags, _ = channel.recvmsg_into([target], socket.CMSG_SPACE(_CREDENTIALS.size))
            target.release()
        sender = _sender_pid(ancillary)
        if sender is None:
            return None if count == 0 else count  # no credentials: the end of the stream
        if sender != sender_pid:
            return count
        if flags & socket.MSG_TRUNC:
            self.total = max(self.total, self.keep_bytes) + 1
            return count
        if self.kept < self.keep_bytes:
            self.kept += count
        self.total += count
        return count

    def head(self, count: int) -> bytes:
        """The first bytes (a frame's header: a length, nothing the job chose to say)."""
        return self._buffer[: min(count, self.kept)]

    def send_frame(self, fd: int, *, start: int = 0) -> None:
        """Write the kept bytes from `start` on as one frame, without copying them into the heap."""
        with memoryview(self._buffer) as view:
            framing.write_frame_in_place(fd, view[min(start, self.kept):self.kept])

    def close(self) -> None:
        self._buffer.close()
        if self._overflow is not None:
            self._overflow.close()


def _sender_pid(ancillary: list[tuple[int, int, bytes]]) -> int | None:
    for level, kind, data in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS and len(data) >= _CREDENTIALS.size:
            return int(_CREDENTIALS.unpack_from(data)[0])
    return None
