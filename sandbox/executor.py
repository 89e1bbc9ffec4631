"""The executor process: imports NumPy once, then forks one isolated child per job and supervises it.

It is started by the sandbox client with an empty environment, so it holds no secrets,
and it never runs in the web server's process: a fork of the server would copy all of
the server's memory into the job. Protocol on the inherited stdin/stdout pipes:
request = frame(JSON header) + frame(encoded job); response = frame(JSON header) +
frame(result bytes) + frame(captured output).
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import json
import mmap
import os
import select
import signal
import sys
import time
from dataclasses import dataclass, field
from typing import Any, NoReturn

import numpy as np  # noqa: F401 - imported once here so every job starts warm

from sandbox import _harness, _isolation, codec, framing
from sandbox.limits import MIB, Limits

MAX_REQUEST_BYTES = 512 * MIB
_JOB_FAILED_TO_START = 111
_STATUS_FD = 4


@dataclass
class _Supervision:
    """What the supervisor saw of one job while it ran."""

    output: bytearray = field(default_factory=bytearray)
    output_total: int = 0
    result: bytearray = field(default_factory=bytearray)
    status: bytearray = field(default_factory=bytearray)
    killed_for: str | None = None


# mallopt parameters (glibc's malloc.h) and the settings _fix_allocator makes.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD, _M_MMAP_MAX = -1, -3, -4
_EXECUTOR_ALLOCATOR = {_M_MMAP_THRESHOLD: 128 * 1024, _M_TRIM_THRESHOLD: 128 * 1024}  # glibc's starting values
_JOB_ALLOCATOR = {_M_MMAP_MAX: 0, _M_TRIM_THRESHOLD: 2**31 - 1}  # never map, never give back


class Executor:
    """One slot: runs jobs one at a time, each in a fresh child with every isolation layer."""

    def __init__(self, *, slot: int, uid: int, isolation: str, root_dir: str) -> None:
        self.slot = slot
        self.uid = uid
        self.isolation = isolation
        self.plan = _isolation.plan_root(os.path.join(root_dir, f"slot-{slot}")) if isolation == "full" else None
        if self.plan:
            os.makedirs(self.plan.mountpoint, mode=0o700, exist_ok=True)
        self.seccomp = _isolation.SeccompFilter() if isolation in ("full", "rlimits") else None
        self.devnull = os.open(os.devnull, os.O_RDONLY)
        _isolation.set_child_subreaper()

    def serve(self, requests: int, responses: int) -> None:
        while True:
            try:
                header = json.loads(framing.read_frame(requests, max_bytes=1 * MIB))
                payload = framing.read_frame_mapped(requests, max_bytes=MAX_REQUEST_BYTES)
            except framing.FrameError:
                return  # the client went away: so do we (and, by die-with-parent, any job)
            response, result, output = self.run(header, payload)
            framing.write_frame(responses, json.dumps(response).encode())
            framing.write_frame(responses, result)
            framing.write_frame(responses, output)
            _wipe(result)

    def run(self, header: dict[str, Any], payload: mmap.mmap | bytearray) -> tuple[dict[str, Any], bytearray, bytes]:
        limits = Limits(**header["limits"]).clamped()
        out_r, out_w = os.pipe()
        res_r, res_w = os.pipe()
        status_r, status_w = os.pipe()
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:
            self._job_leader(payload, limits, out_w, res_w, status_w)
        _forget(payload)  # the job has its copy; ours must not reach the next job's child
        for fd in (out_w, res_w, status_w):
            os.close(fd)
        seen = self._supervise(pid, limits, out_r, res_r, status_r, started)
        _, wait_status, usage = os.wait4(pid, 0)
        wall = time.monotonic() - started
        # A leader that reaped its job normally leaves nothing behind: the job was pid 1 of its
        # namespace, and the kernel ends every process in it before that pid 1 can be reaped.
        # Anything else (we killed it, it died oddly) gets the full sweep by uid.
        clean_exit = seen.killed_for is None and os.WIFEXITED(wait_status) and os.WEXITSTATUS(wait_status) == 0
        self._sweep(by_uid=not clean_exit)
        response = self._describe(seen, usage, wall, limits, wait_status)
        return response, seen.result, bytes(seen.output)

    def _supervise(self, pid: int, limits: Limits, out_r: int, res_r: int, status_r: int,
                   started: float) -> _Supervision:
        """Watch output, result and status pipes and the child's pidfd until all is done."""
        seen = _Supervision()
        pidfd = os.pidfd_open(pid)
        poller = select.poll()
        open_fds = {out_r, res_r, status_r}
        for fd in (*open_fds, pidfd):
            poller.register(fd, select.POLLIN)
        deadline = started + limits.wall_seconds
        exited_at: float | None = None
        while open_fds:
            now = time.monotonic()
            if exited_at is not None and now - exited_at > 0.5:
                break  # the leader is gone; whatever still holds a pipe is swept below
            if now >= deadline and seen.killed_for is None:
                seen.killed_for = "wall_timeout"
                self._kill(pid)
                deadline = now + 1.0
            wait_ms = max(1, int((min(deadline, exited_at + 0.5 if exited_at else deadline) - now) * 1000))
            for fd, _ in poller.poll(wait_ms):
                if fd == pidfd:
                    poller.unregister(pidfd)
                    exited_at = time.monotonic()
                    continue
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    poller.unregister(fd)
                    open_fds.discard(fd)
                    continue
                self._take(seen, fd, chunk, limits, out_r, res_r, pid)
        for fd in (out_r, res_r, status_r, pidfd):
            os.close(fd)
        return seen

    def _take(self, seen: _Supervision, fd: int, chunk: bytes, limits: Limits, out_r: int, res_r: int,
              pid: int) -> None:
        if fd == out_r:
            seen.output_total += len(chunk)
            room = limits.output_kept_bytes - len(seen.output)
            if room > 0:
                seen.output += chunk[:room]
            if seen.output_total > limits.output_kill_bytes and seen.killed_for is None:
                seen.killed_for = "output_limit"
                self._kill(pid)
        elif fd == res_r:
            seen.result += chunk
            if len(seen.result) > limits.result_bytes + framing.HEADER_BYTES and seen.killed_for is None:
                seen.killed_for = "result_too_large"
                self._kill(pid)
        else:
            seen.status += chunk[: 4096 - len(seen.status)]

    def _kill(self, pid: int) -> None:
        """Kill the job leader; its namespace's init dies with it (die-with-parent), and with it all."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)

    def _sweep(self, *, by_uid: bool) -> None:
        """Kill anything still running as this slot's uid and reap what we inherited, until none is left.

        A job killed from outside dies asynchronously (its namespace's init first, then the
        rest), so one pass is not enough: the next job must start on a clean slot.
        """
        deadline = time.monotonic() + 2.0
        while True:
            self._reap()
            alive = self._slot_pids() if self.isolation == "full" and by_uid else []
            if not alive or time.monotonic() > deadline:
                return
            for pid in alive:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.002)

    def _slot_pids(self) -> list[int]:
        return [int(entry) for entry in os.listdir("/proc") if entry.isdigit() and _uid_of(entry) == self.uid]

    @staticmethod
    def _reap() -> None:
        while True:
            try:
                reaped, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if reaped == 0:
                return

    def _describe(self, seen: _Supervision, usage: Any, wall: float, limits: Limits,
                  leader_status: int) -> dict[str, Any]:
        cpu = usage.ru_utime + usage.ru_stime
        report: dict[str, Any] = {
            "cpu_seconds": round(cpu, 6),
            "wall_seconds": round(wall, 6),
            "max_rss_bytes": usage.ru_maxrss * 1024,
            "output_bytes": seen.output_total,
            "exit_code": None,
            "signal": None,
        }
        status_text = seen.status.decode("utf-8", "replace")
        if status_text.startswith("error:"):
            return {**report, "outcome": "internal_error", "detail": status_text[6:].strip()}
        if status_text.startswith("status:"):
            status_token, cpu_token = status_text[7:].split()[:2]
            job_status = int(status_token)
            report["job_cpu_seconds"] = float(cpu_token)
            if os.WIFEXITED(job_status):
                report["exit_code"] = os.WEXITSTATUS(job_status)
            elif os.WIFSIGNALED(job_status):
                report["signal"] = signal.Signals(os.WTERMSIG(job_status)).name
        elif os.WIFEXITED(leader_status) and os.WEXITSTATUS(leader_status) == _JOB_FAILED_TO_START:
            return {**report, "outcome": "internal_error", "detail": "the job failed to start"}
        if seen.killed_for in ("wall_timeout", "output_limit"):
            return {**report, "outcome": seen.killed_for}
        if seen.killed_for == "result_too_large":
            return {**report, "outcome": "invalid_result",
                    "detail": f"the result is larger than {limits.result_bytes} bytes"}
        cpu_limit = int(limits.cpu_seconds + 0.999)  # RLIMIT_CPU counts whole seconds
        if report["signal"] == "SIGXCPU" or (report["signal"] == "SIGKILL" and cpu >= cpu_limit * 0.9):
            return {**report, "outcome": "cpu_timeout"}
        if report["signal"]:
            return {**report, "outcome": "crash"}
        if len(seen.result) >= framing.HEADER_BYTES and framing.frame_length(
            seen.result[: framing.HEADER_BYTES]
        ) == len(seen.result) - framing.HEADER_BYTES:
            del seen.result[: framing.HEADER_BYTES]
            return {**report, "outcome": "ok"}
        if seen.result:
            return {**report, "outcome": "invalid_result", "detail": "the result frame is malformed"}
        return {**report, "outcome": "no_result"}

    def _job_leader(self, payload: mmap.mmap | bytearray, limits: Limits, out_w: int, res_w: int,
                    status_w: int) -> NoReturn:
        """Child A: enter fresh namespaces and the minimal root, fork the job, report how it ended."""
        try:
            os.setsid()
            _isolation.die_with_parent()
            os.dup2(self.devnull, 0)
            os.dup2(out_w, 1)
            os.dup2(out_w, 2)
            os.dup2(res_w, _harness.RESULT_FD)
            os.dup2(status_w, _STATUS_FD)
            _isolation.close_fds_except({0, 1, 2, _harness.RESULT_FD, _STATUS_FD})
            job = codec.decode(payload)
            _forget(payload)  # decoded: the job does not need the raw bytes in its address space
            address_space = _vm_size_bytes() + limits.memory_bytes
            if self.isolation == "full" and self.plan is not None:
                _isolation.unshare(_isolation.JOB_NAMESPACES)
                _isolation.enter_minimal_root(self.plan, tmpfs_bytes=limits.tmpfs_bytes)
            child = os.fork()
            if child == 0:
                self._job_main(job, limits, address_space)
            for fd in (0, 1, 2, _harness.RESULT_FD):
                os.close(fd)
            _, job_status, usage = os.wait4(child, 0)
            # The job's own CPU time, without the decoding above: what the timing check compares.
            os.write(_STATUS_FD, f"status:{job_status} {usage.ru_utime + usage.ru_stime:.6f}\n".encode())
            os._exit(0)
        except BaseException as exc:
            try:
                os.write(_STATUS_FD, f"error: {type(exc).__name__}: {exc}\n".encode()[:4000])
            finally:
                os._exit(_JOB_FAILED_TO_START)

    def _job_main(self, job: dict[str, Any], limits: Limits, address_space: int) -> NoReturn:
        """Child B (pid 1 of the job's namespace): last layers, then the submission."""
        try:
            os.close(_STATUS_FD)
            os.environ.clear()  # the job needs nothing from the environment, so it sees nothing
            _isolation.die_with_parent()
            _fix_allocator(_JOB_ALLOCATOR)
            if job.get("cpu") is not None:
                _pin_to_cpu(job["cpu"])
            _isolation.ignore_file_size_signal()
            _isolation.apply_rlimits(
                address_space_bytes=address_space,
                cpu_seconds=limits.cpu_seconds,
                processes=limits.processes,
                file_size_bytes=limits.file_size_bytes,
                open_files=limits.open_files,
            )
            if self.isolation == "full":
                _isolation.drop_privileges(self.uid)
            elif os.geteuid() == 0:
                # Degraded level as root (a container without CAP_SYS_ADMIN): still shed root if we can.
                with contextlib.suppress(PermissionError):
                    _isolation.drop_privileges(self.uid)
            if self.seccomp is not None:
                self.seccomp.load()
            os.chdir("/tmp")
            # Fresh stream objects on the job's output pipe (the executor's point at /dev/null).
            sys.stdout = open(1, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
            sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
        except BaseException:
            os._exit(_JOB_FAILED_TO_START)
        _harness.run_job(job)


def _fix_allocator(settings: dict[int, int]) -> None:
    """Fix malloc's settings, so a job's speed does not depend on what earlier jobs allocated.

    glibc raises its mmap threshold each time a large block is freed, and children inherit the
    executor's heap: the same timing job ran 3x slower after small jobs than after big ones, and
    10-15% apart on two slots whose heaps had placed the inputs at different alignments. So the
    executor maps every big buffer on its own (its heap, and the inputs a job decodes, start the
    same for every job), and a job takes everything from its heap and keeps what it frees: its
    repeated calls reuse their temporaries instead of page-faulting through fresh ones.
    """
    with contextlib.suppress(AttributeError, OSError):  # not glibc: nothing to fix
        libc = ctypes.CDLL(None)
        for parameter, value in settings.items():
            libc.mallopt(parameter, value)


def _pin_to_cpu(cpu: Any) -> None:
    """Run on one CPU, when that CPU is ours to use (timing jobs all run on the same one)."""
    if type(cpu) is int and cpu in os.sched_getaffinity(0):
        os.sched_setaffinity(0, {cpu})


def _vm_size_bytes() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    raise OSError("VmSize not found in /proc/self/status")


def _uid_of(pid: str) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("Uid:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _forget(payload: mmap.mmap | bytearray) -> None:
    """Unmap a request's own mapping (no page is copied or left behind); wipe it if it is not one."""
    if isinstance(payload, mmap.mmap):
        payload.close()
    else:
        _wipe(payload)


def _wipe(buffer: bytearray) -> None:
    """Zero a buffer in place, so a later job's child cannot find this job's data in our memory."""
    if buffer:
        ctypes.memset((ctypes.c_char * len(buffer)).from_buffer(buffer), 0, len(buffer))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--slot", type=int, required=True)
    parser.add_argument("--uid", type=int, required=True)
    parser.add_argument("--isolation", choices=("full", "rlimits"), required=True)
    parser.add_argument("--root-dir", required=True)
    options = parser.parse_args(argv)
    # Keep the protocol pipes on private descriptors; 0/1 become /dev/null for jobs to inherit.
    requests, responses = os.dup(0), os.dup(1)
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - nothing may write into the protocol pipe
    _fix_allocator(_EXECUTOR_ALLOCATOR)
    executor = Executor(slot=options.slot, uid=options.uid, isolation=options.isolation,
                        root_dir=options.root_dir)
    os.write(responses, b"R")  # ready: NumPy is imported and the filter is built
    executor.serve(requests, responses)


if __name__ == "__main__":
    main()
