"""What a job writes to a pipe, kept outside the executor's heap.

Freed memory is not erased, and every later job's process starts as a copy of the executor:
output or a result that once passed through the executor's heap (as `bytes` read from the
pipe, a growing `bytearray`, a joined frame) could be read back by the next job, which may be
another user's. So a capture reads the pipe straight into an anonymous mapping of its own,
sends it from there, and unmaps it.
"""

from __future__ import annotations

import mmap
import os

from sandbox import framing

_SCRATCH_BYTES = 1 << 16


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
