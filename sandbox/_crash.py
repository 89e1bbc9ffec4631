"""Why a job's main process crashed, told from outside it: a stack overflow is a SIGSEGV near the stack.

The job leader (trusted, outside the job's seccomp filter) traces the job's main process
with PTRACE_SEIZE and looks at every signal about to be delivered to it. For a SIGSEGV it
reads the fault address from the kernel (PTRACE_GETSIGINFO) and compares it with where the
main thread's stack lives: every job is forked from the executor, so its stack ends where
the executor's does, and may grow down by RLIMIT_STACK, below which lies the kernel's guard
gap. Nothing in the job can change what the kernel reports, and faulthandler (which the
submission could reach) plays no part. A fault ends the process (see wait_watched); every
other signal is passed on as it came.
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
from dataclasses import dataclass
from typing import Any

_libc = ctypes.CDLL(None, use_errno=True)
_libc.ptrace.restype = ctypes.c_long
_libc.ptrace.argtypes = (ctypes.c_long, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)

PTRACE_CONT = 7
PTRACE_GETSIGINFO = 0x4202
PTRACE_SEIZE = 0x4206
PTRACE_O_EXITKILL = 0x100000
_SI_CODE_OFFSET = 8  # siginfo_t on 64-bit Linux: signo, errno, code (3 ints), padding, then si_addr
_SI_ADDR_OFFSET = 16
_SIGINFO_BYTES = 128
GUARD_GAP_BYTES = 2 * 1024 * 1024  # the kernel's stack guard gap (1 MiB by default) and a frame's reach below it
STACK_OVERFLOW = "stack overflow"
_FAULTS = frozenset({signal.SIGSEGV, signal.SIGBUS, signal.SIGILL, signal.SIGFPE})


@dataclass(frozen=True)
class StackRange:
    """Where the main thread's stack may be: from its top (fixed at exec) down by RLIMIT_STACK."""

    top: int
    limit_bytes: int

    def holds(self, address: int) -> bool:
        return self.top - self.limit_bytes - GUARD_GAP_BYTES <= address < self.top


def own_stack() -> StackRange | None:
    """This process's stack (forked children share its addresses); None if it cannot be told."""
    limit = resource.getrlimit(resource.RLIMIT_STACK)[0]
    if limit == resource.RLIM_INFINITY:
        return None  # the stack may then grow anywhere: no range to compare with
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                fields = line.split()
                if len(fields) >= 6 and fields[5] == "[stack]":
                    return StackRange(top=int(fields[0].split("-")[1], 16), limit_bytes=limit)
    except OSError:
        return None
    return None


def watch(pid: int) -> bool:
    """Trace `pid` (our child) from now on; it is killed if we die. False if tracing is refused."""
    return bool(_libc.ptrace(PTRACE_SEIZE, pid, None, PTRACE_O_EXITKILL) == 0)


def wait_watched(pid: int, stack: StackRange | None) -> tuple[int, Any, str | None]:
    """Wait for a traced child to end, passing every signal on; (wait status, rusage, crash note)."""
    note: str | None = None
    while True:
        _, status, usage = os.wait4(pid, 0)
        if not os.WIFSTOPPED(status):
            return status, usage, note
        delivered = os.WSTOPSIG(status)
        if status >> 16:  # a group-stop (SIGSTOP and the like): resume; stopping only wastes its wall time
            delivered = 0
        elif delivered in _FAULTS:
            code, address = _fault(pid)
            if code > 0:  # raised by the kernel for a faulting instruction (not sent with kill)
                if delivered == signal.SIGSEGV and stack is not None and address is not None and stack.holds(address):
                    note = STACK_OVERFLOW
                # Passed on, the signal would be dropped: a traced pid 1 of a namespace keeps ignoring
                # signals it has no handler for, even this one, and would fault again forever. So the
                # process is ended here, and reported as ended by the fault's signal, as it would have been.
                os.kill(pid, signal.SIGKILL)
                _, _, usage = os.wait4(pid, 0)
                return delivered, usage, note
        _libc.ptrace(PTRACE_CONT, pid, None, delivered)


def _fault(pid: int) -> tuple[int, int | None]:
    """The pending signal's si_code and fault address (si_addr), as the kernel filled them in."""
    info = ctypes.create_string_buffer(_SIGINFO_BYTES)
    if _libc.ptrace(PTRACE_GETSIGINFO, pid, None, ctypes.addressof(info)) != 0:
        return 0, None
    code = ctypes.c_int32.from_buffer(info, _SI_CODE_OFFSET).value
    return code, int(ctypes.c_uint64.from_buffer(info, _SI_ADDR_OFFSET).value)
