"""The executor process: imports NumPy once, then forks one isolated child per job and supervises it.

It is started by the sandbox client with an empty environment, so it holds no secrets,
and it never runs in the web server's process: a fork of the server would copy all of
the server's memory into the job. Protocol on the inherited stdin/stdout pipes:
request = frame(JSON header) + frame(encoded job without its inputs) + frame(encoded inputs),
the last left out when the header says the executor already keeps them (`"inputs": "cached"`,
see sandbox.input_cache); response = frame(JSON header) + frame(result bytes) +
frame(captured output), or just `{"outcome": "inputs_missing"}` and two empty frames when
inputs said to be kept are not.
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
import socket
import sys
import time
from dataclasses import dataclass, field
from typing import Any, NoReturn

import numpy as np  # imported once here so every job starts warm

from sandbox import _cgroup, _crash, _harness, _isolation, codec, framing
from sandbox.capture import PipeCapture
from sandbox.input_cache import InputCache
from sandbox.limits import MIB, Limits

MAX_REQUEST_BYTES = 512 * MIB
CPU_POLL_SECONDS = 0.01  # how often the supervisor reads a job's CPU time from its cgroup
PROBE_INTERVAL_SECONDS = 0.002  # how often a timing job's leader times the probe while the job runs
MAX_PROBES = 500  # what the status line has room for (the first second or so of a job)
# Small enough to stay in L1; sorted PROBE_SORTS times per probe (~20 us with NumPy's SIMD sort, which
# takes 6 us for one: whole microseconds of that were steps of 17%, more than the slow phases' noise).
_PROBE_DATA = np.random.default_rng(0).random(2000)
PROBE_SORTS = 3
PROBE_UNIT_SECONDS = 1e-8  # probe figures travel in the status line as whole multiples of this
_JOB_FAILED_TO_START = 111
_CRASH_NOTE = "crash:"  # a status line the leader adds when it knows why the job crashed
_STATUS_FD = 4


@dataclass
class _Supervision:
    """What the supervisor saw of one job while it ran."""

    output: PipeCapture
    result: PipeCapture  # the result frame, header included
    status: bytearray = field(default_factory=bytearray)
    killed_for: str | None = None
    group: _cgroup.JobCgroup | None = None
    job_pid: int | None = None  # the job's main process, the only one whose result messages count
    memory_killed_first: bool = False  # the kernel had killed for memory before we killed for anything

    def close(self) -> None:
        self.output.close()
        self.result.close()


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
        self.plan = (_isolation.plan_root(os.path.join(root_dir, f"slot-{slot}")) if isolation in ("full", "userns")
                     else None)
        if self.plan:
            os.makedirs(self.plan.mountpoint, mode=0o700, exist_ok=True)
        self.cgroups = _find_cgroups(uid)
        self.stack = _crash.own_stack()  # every job's main thread has its stack where ours is
        # Without a cgroup nothing counts a job's processes together: it gets one process only.
        self.seccomp = (_isolation.SeccompFilter(single_process=self.cgroups is None)
                        if isolation in ("full", "userns", "rlimits") else None)
        self.devnull = os.open(os.devnull, os.O_RDONLY)
        # Kept inputs, decoded once: every job that names them reads the same pages.
        self.inputs: InputCache[list[Any]] = InputCache(on_evict=_wipe_small_arrays)
        _isolation.set_child_subreaper()

    def serve(self, requests: int, responses: int) -> None:
        while True:
            try:
                header = json.loads(framing.read_frame(requests, max_bytes=1 * MIB))
                payload = framing.read_frame_mapped(requests, max_bytes=MAX_REQUEST_BYTES)
                inputs, kept = self._receive_inputs(requests, header.get("inputs_key"), header.get("inputs"))
            except framing.FrameError:
                return  # the client went away: so do we (and, by die-with-parent, any job)
            if inputs is None:
                _forget(payload)
                for frame in (json.dumps({"outcome": "inputs_missing"}).encode(), b"", b""):
                    framing.write_frame(responses, frame)
                continue
            response, seen = self.run(header, payload, inputs, inputs_kept=kept)
            try:
                framing.write_frame(responses, json.dumps(response).encode())
                seen.result.send_frame(responses, start=framing.HEADER_BYTES if response["outcome"] == "ok" else
                                       seen.result.kept)
                seen.output.send_frame(responses)
            finally:
                seen.close()

    def _receive_inputs(self, requests: int, key: Any, how: Any) -> tuple[_Inputs | None, bool]:
        """The request's inputs and whether we keep them: kept ones (named by a key) are decoded
        here, once; others stay raw for the job leader to decode. None: said to be kept, but not."""
        if how == "cached":
            kept = self.inputs.get(key) if isinstance(key, str) else None
            return kept, kept is not None
        frame = framing.read_frame_mapped(requests, max_bytes=MAX_REQUEST_BYTES)
        if not isinstance(key, str):
            return frame, False
        try:
            decoded = codec.decode(frame)
        except codec.DecodeError:
            return frame, False  # the job leader reports it
        size = len(frame)
        _forget(frame)
        if type(decoded) is not list or not self.inputs.put(key, size, decoded):
            return decoded, False
        return decoded, True

    def run(self, header: dict[str, Any], payload: mmap.mmap | bytearray, inputs: _Inputs, *,
            inputs_kept: bool) -> tuple[dict[str, Any], _Supervision]:
        limits = Limits(**header["limits"]).clamped()
        try:
            group = self._make_cgroup(limits)
        except OSError as exc:  # fail closed: a job is not run without the accounting it was promised
            _forget(payload)
            if not inputs_kept:
                _forget_inputs(inputs)
            return ({"outcome": "internal_error", "detail": f"the job's cgroup could not be made: {exc}",
                     "cpu_seconds": 0.0, "wall_seconds": 0.0, "max_rss_bytes": 0, "output_bytes": 0,
                     "exit_code": None, "signal": None},
                    _Supervision(output=PipeCapture(0), result=PipeCapture(0)))
        out_r, out_w = os.pipe()
        res_r, res_w = _result_channel()
        status_r, status_w = os.pipe()
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:
            self._job_leader(payload, inputs, limits, out_w, res_w, status_w, group)
        # The job has its copy; ours must not reach the next job's child (every job leader
        # lets go of the kept inputs but its own before its job starts).
        _forget(payload)
        if not inputs_kept:
            _forget_inputs(inputs)
        for fd in (out_w, res_w, status_w):
            os.close(fd)
        seen = self._supervise(pid, limits, out_r, res_r, status_r, started, group)
        _, wait_status, usage = os.wait4(pid, 0)
        wall = time.monotonic() - started
        accounting = _account(group, leader_cpu_seconds=usage.ru_utime + usage.ru_stime)
        # A leader that reaped its job normally leaves nothing behind: the job was pid 1 of its
        # namespace, and the kernel ends every process in it before that pid 1 can be reaped.
        # Anything else (we killed it, it died oddly) gets the full sweep by uid.
        clean_exit = seen.killed_for is None and os.WIFEXITED(wait_status) and os.WEXITSTATUS(wait_status) == 0
        self._sweep(by_uid=not clean_exit)
        if group is not None and not group.remove():
            accounting["accounting_note"] = "the job's cgroup could not be removed; the next start sweeps it"
        report = _first_cause({**self._describe(seen, usage, wall, limits, wait_status), **accounting}, seen)
        return _explain_crash(report, seen), seen

    def _make_cgroup(self, limits: Limits) -> _cgroup.JobCgroup | None:
        """The job's own cgroup, or None (the executor then said so at start, and caps processes at 1)."""
        if self.cgroups is None:
            return None
        return self.cgroups.create(memory_bytes=limits.memory_bytes, processes=limits.processes)

    def _supervise(self, pid: int, limits: Limits, out_r: int, res_r: int, status_r: int,
                   started: float, group: _cgroup.JobCgroup | None) -> _Supervision:
        """Watch output, result and status pipes and the child's pidfd until all is done."""
        seen = _Supervision(output=PipeCapture(limits.output_kept_bytes),
                            result=PipeCapture(limits.result_bytes + framing.HEADER_BYTES + 1), group=group)
        pidfd = os.pidfd_open(pid)
        result_socket = socket.socket(fileno=res_r)
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
                self._kill_job(seen, pid, "wall_timeout")
                deadline = now + 1.0
            wait_ms = max(1, int((min(deadline, exited_at + 0.5 if exited_at else deadline) - now) * 1000))
            if group is not None:
                wait_ms = min(wait_ms, int(CPU_POLL_SECONDS * 1000))
                self._enforce_cpu(seen, limits, pid, group)
            for fd, _ in poller.poll(wait_ms):
                if fd == pidfd:
                    poller.unregister(pidfd)
                    exited_at = time.monotonic()
                    continue
                if fd == status_r:
                    count = _read_status(seen, fd)
                elif fd == res_r:
                    count = _receive_result(seen, result_socket, status_r)
                else:
                    count = seen.output.read_from(fd)
                if not count:
                    poller.unregister(fd)
                    open_fds.discard(fd)
                    continue
                self._enforce(seen, limits, pid)
        result_socket.close()
        for fd in (out_r, status_r, pidfd):
            os.close(fd)
        return seen

    def _enforce(self, seen: _Supervision, limits: Limits, pid: int) -> None:
        """Kill a job that printed or returned more than its limits allow."""
        if seen.killed_for is not None:
            return
        if seen.output.total > limits.output_kill_bytes:
            self._kill_job(seen, pid, "output_limit")
        elif seen.result.total > limits.result_bytes + framing.HEADER_BYTES:
            self._kill_job(seen, pid, "result_too_large")

    def _enforce_cpu(self, seen: _Supervision, limits: Limits, pid: int, group: _cgroup.JobCgroup) -> None:
        """Kill a job whose processes together used more CPU time than its limit."""
        if seen.killed_for is None and group.cpu_seconds() >= limits.cpu_seconds:
            self._kill_job(seen, pid, "cpu_timeout")

    def _kill_job(self, seen: _Supervision, pid: int, reason: str) -> None:
        """Kill the job for `reason`, noting whether the kernel had already killed part of it for memory
        (then memory, the first cause, decides the outcome)."""
        seen.killed_for = reason
        if seen.group is not None:
            seen.memory_killed_first = seen.group.oom_kills() > 0
        self._kill(pid, seen.group)

    def _kill(self, pid: int, group: _cgroup.JobCgroup | None = None) -> None:
        """Kill the job leader; its namespace's init dies with it (die-with-parent), and with it all."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        if group is not None:
            group.kill()

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
            "output_bytes": seen.output.total,
            "exit_code": None,
            "signal": None,
        }
        status_text = seen.status.decode("utf-8", "replace")
        if status_text.startswith("error:"):
            return {**report, "outcome": "internal_error", "detail": status_text[6:].strip()}
        if status_text.startswith("status:"):
            status_token, cpu_token, peak_token, probe_token = status_text[7:].split()[:4]
            job_status = int(status_token)
            report["job_cpu_seconds"] = float(cpu_token)
            report["job_peak_rss_bytes"] = int(peak_token) * 1024
            if probe_token != "-":
                report["probe_seconds"] = [int(units) * PROBE_UNIT_SECONDS for units in probe_token.split(",")]
            if os.WIFEXITED(job_status):
                report["exit_code"] = os.WEXITSTATUS(job_status)
            elif os.WIFSIGNALED(job_status):
                report["signal"] = signal.Signals(os.WTERMSIG(job_status)).name
        elif os.WIFEXITED(leader_status) and os.WEXITSTATUS(leader_status) == _JOB_FAILED_TO_START:
            return {**report, "outcome": "internal_error", "detail": "the job failed to start"}
        if seen.killed_for in ("wall_timeout", "output_limit", "cpu_timeout"):
            return {**report, "outcome": seen.killed_for}
        if seen.killed_for == "result_too_large":
            return {**report, "outcome": "invalid_result",
                    "detail": f"the result is larger than {limits.result_bytes} bytes"}
        cpu_limit = int(limits.cpu_seconds + 0.999)  # RLIMIT_CPU counts whole seconds
        if report["signal"] == "SIGXCPU" or (report["signal"] == "SIGKILL" and cpu >= cpu_limit * 0.9):
            return {**report, "outcome": "cpu_timeout"}
        if report["signal"]:
            return {**report, "outcome": "crash"}
        if seen.result.kept >= framing.HEADER_BYTES and framing.frame_length(
            seen.result.head(framing.HEADER_BYTES)
        ) == seen.result.kept - framing.HEADER_BYTES:
            return {**report, "outcome": "ok"}
        if seen.result.kept:
            return {**report, "outcome": "invalid_result", "detail": "the result frame is malformed"}
        return {**report, "outcome": "no_result"}

    def _job_leader(self, payload: mmap.mmap | bytearray, inputs: _Inputs, limits: Limits,
                    out_w: int, res_w: int, status_w: int, group: _cgroup.JobCgroup | None) -> NoReturn:
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
            joins = group.open_join() if group is not None else []  # before the host's tree is out of reach
            given = inputs if isinstance(inputs, list) else codec.decode(inputs)
            job = _with_inputs(codec.decode(payload), given)
            # Decoded: the job needs none of the raw bytes, nor any other job's kept inputs
            # (big arrays are unmapped as they are let go; small ones, left in the heap, are wiped).
            _forget(payload)
            if not isinstance(inputs, list):
                _forget(inputs)
            _let_go(self.inputs, keep=given)
            self.inputs = InputCache()
            address_space = _address_space_bytes(limits, has_cgroup=group is not None)
            if self.isolation == "userns" and self.plan is not None:
                _isolation.enter_user_namespace(_isolation.JOB_NAMESPACES)
                _isolation.enter_minimal_root(self.plan, tmpfs_bytes=limits.tmpfs_bytes)
            elif self.isolation == "full" and self.plan is not None:
                _isolation.unshare(_isolation.JOB_NAMESPACES)
                _isolation.enter_minimal_root(self.plan, tmpfs_bytes=limits.tmpfs_bytes)
            timing = job.get("cpu") is not None
            if timing:
                _pin_to_cpu(job["cpu"])  # the probe must run on the job's CPU
            else:
                _keep_off_cpu(job.get("spare_cpu"))  # inherited by the job and everything it starts
            child = os.fork()
            if child == 0:
                self._job_main(job, limits, address_space, joins)
            os.write(_STATUS_FD, f"job:{child}\n".encode())  # first: the result channel waits for it
            watched = not timing and _crash.watch(child)
            for fd in joins:
                os.close(fd)
            for fd in (0, 1, 2, _harness.RESULT_FD):
                os.close(fd)
            if timing:
                job_status, usage, probes = _wait_probing(child)
            else:
                job_status, usage, crash_note = _wait_job(child, watched, self.stack)
                probes = []
            # The job's own CPU time, without the decoding above: what the timing check compares;
            # and its resident peak (its own and its reaped children's), which no code in the job
            # can hide, unlike tracemalloc's figure: what the memory criterion trusts.
            probe_text = ",".join(f"{round(seconds / PROBE_UNIT_SECONDS)}" for seconds in probes) or "-"
            os.write(_STATUS_FD, f"status:{job_status} {usage.ru_utime + usage.ru_stime:.6f} {usage.ru_maxrss} "
                     f"{probe_text}\n".encode())
            if not timing and crash_note:
                os.write(_STATUS_FD, f"{_CRASH_NOTE}{crash_note}\n".encode())
            os._exit(0)
        except BaseException as exc:
            try:
                os.write(_STATUS_FD, f"error: {type(exc).__name__}: {exc}\n".encode()[:4000])
            finally:
                os._exit(_JOB_FAILED_TO_START)

    def _job_main(self, job: dict[str, Any], limits: Limits, address_space: int, joins: list[int]) -> NoReturn:
        """Child B (pid 1 of the job's namespace): last layers, then the submission."""
        try:
            _cgroup.JobCgroup.join(joins)  # first: every process the job ever starts is then inside
            os.close(_STATUS_FD)
            os.environ.clear()  # the job needs nothing from the environment, so it sees nothing
            _reseed_random_states()
            _isolation.die_with_parent()
            _fix_allocator(_JOB_ALLOCATOR)
            if job.get("cpu") is not None:
                _pin_to_cpu(job["cpu"])
            _isolation.ignore_file_size_signal()
            # With a cgroup, the supervisor kills at the job's exact CPU limit (all its processes);
            # RLIMIT_CPU, counted in ticks, a second layer a second later, must not fire first.
            _isolation.apply_rlimits(
                address_space_bytes=address_space,
                cpu_seconds=limits.cpu_seconds + (1.0 if self.cgroups is not None else 0.0),
                processes=limits.processes if self.cgroups is not None else 1,
                file_size_bytes=limits.file_size_bytes,
                open_files=limits.open_files,
            )
            if self.isolation == "full":
                _isolation.drop_privileges(self.uid)
            elif self.isolation == "userns":
                _isolation.drop_capabilities()  # those of its own user namespace; the uid stays the server's
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


def _result_channel() -> tuple[int, int]:
    """The job's result channel: a SOCK_SEQPACKET pair whose reading end has SO_PASSCRED set.

    Every process of the job inherits the writing end (a fork returns from the submission's
    function twice, and both halves reach the harness), so the kernel stamps each message with
    its sender's pid, which no unprivileged process can forge: only the job's main process's
    messages make up its result, and its children can neither corrupt nor be blamed for it.
    """
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    ours.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
    return ours.detach(), theirs.detach()


def _read_status(seen: _Supervision, fd: int) -> int:
    """Read the leader's status pipe: first `job:<pid>` (the main process), then how it ended."""
    chunk = os.read(fd, 4096)
    seen.status += chunk[: 4096 - len(seen.status)]
    if seen.job_pid is None and seen.status.startswith(b"job:") and b"\n" in seen.status:
        line, _, rest = bytes(seen.status).partition(b"\n")
        seen.job_pid = int(line[4:])
        seen.status = bytearray(rest)
    return len(chunk)


def _receive_result(seen: _Supervision, channel: socket.socket, status_r: int) -> int:
    """Take one message off the result channel (0: it is closed); keep it if the main process sent it."""
    while seen.job_pid is None and _read_status(seen, status_r):
        pass  # a message means the job runs: its leader has written the pid or is about to
    received = seen.result.receive_from(channel, sender_pid=seen.job_pid)
    return 0 if received is None else max(received, 1)


def _find_cgroups(uid: int) -> _cgroup.CgroupHost | None:
    """This slot's cgroup maker (its leftovers swept), or None: then say so on stderr, which is the server's."""
    try:
        return _cgroup.CgroupHost.find(owner=str(uid))
    except OSError as exc:
        print(f"arraydojo sandbox: no cgroup per job on this host ({exc}); jobs are limited to one process each "
              "and their limits are per process (rlimits)", file=sys.__stderr__, flush=True)
        return None


def _reseed_random_states() -> None:
    """Fresh seeds for the random states a job inherits from the executor, so no two jobs share them.

    NumPy's legacy global state (np.random.seed / np.random.rand) and Python's `random`, if
    loaded. The str hash seed cannot be changed in a running interpreter (every string keeps
    its hash), so it is the executor's, and the pool replaces executors (see JOBS_PER_EXECUTOR).
    """
    np.random.seed(np.frombuffer(os.urandom(32), dtype=np.uint32))
    if "random" in sys.modules:
        sys.modules["random"].seed()


def _wait_job(child: int, watched: bool, stack: _crash.StackRange | None) -> tuple[int, Any, str | None]:
    """Wait for the job's main process: (wait status, rusage, why it crashed when the leader could tell)."""
    if watched:
        return _crash.wait_watched(child, stack)
    _, job_status, usage = os.wait4(child, 0)
    return job_status, usage, None


def _explain_crash(report: dict[str, Any], seen: _Supervision) -> dict[str, Any]:
    """A crash the leader saw happen on the stack's edge is a stack overflow: say so, and what to do."""
    if report["outcome"] != "crash":
        return report
    for line in seen.status.decode("utf-8", "replace").splitlines():
        if line == _CRASH_NOTE + _crash.STACK_OVERFLOW:
            return {**report, "detail": "stack overflow: recursion went deeper than the C stack allows (a deeply "
                                        "nested structure, or a recursion limit raised too far); use a loop"}
    return report


def _account(group: _cgroup.JobCgroup | None, *, leader_cpu_seconds: float) -> dict[str, Any]:
    """The job's figures from its cgroup: every process it started, children and orphans included.

    Its CPU time is never less than the leader's (which holds the main process's, and the few
    milliseconds before that process joined the cgroup).
    """
    if group is None:
        return {"accounting": "per process (no cgroup)", "peak_memory_bytes": None}
    cpu = max(group.cpu_seconds(), leader_cpu_seconds)
    return {"accounting": group.label, "cpu_seconds": round(cpu, 6),
            "peak_memory_bytes": group.peak_memory_bytes(), "oom_kills": group.oom_kills()}


def _first_cause(report: dict[str, Any], seen: _Supervision) -> dict[str, Any]:
    """Memory decides when the kernel killed for it before anything else ended the job.

    A job that runs out of memory and then out of CPU time (or wall time) failed for memory;
    our own kills record whether the kernel's came first (_kill_job).
    """
    if not report.get("oom_kills") or report["outcome"] == "internal_error":
        return report
    if seen.killed_for is not None and not seen.memory_killed_first:
        return report
    peak = report.get("peak_memory_bytes") or 0
    return {**report, "outcome": "memory",
            "detail": f"the kernel stopped it at its memory limit (peak {peak / MIB:.0f} MiB, all its processes)"}


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


def _wait_probing(child: int) -> tuple[int, Any, list[float]]:
    """Wait for a timing job while timing a fixed probe on its CPU every PROBE_INTERVAL_SECONDS.

    The host slows this virtual CPU down 1.2-1.4x for 0.1-1 s at a time (whatever shares its
    core), often for a whole job; the probe's durations, measured by trusted code beside the
    job, tell the grader which jobs ran in such a phase (app.grading.timing.PhaseWatch). The
    probe runs twice each time and only the second run counts, so the job's own use of the
    caches does not slow it.
    """
    probes: list[float] = []
    while True:
        reaped, job_status, usage = os.wait4(child, os.WNOHANG)
        if reaped:
            return job_status, usage, probes
        if len(probes) < MAX_PROBES:
            np.sort(_PROBE_DATA)
            started = time.thread_time_ns()
            for _ in range(PROBE_SORTS):
                np.sort(_PROBE_DATA)
            probes.append((time.thread_time_ns() - started) * 1e-9)
        time.sleep(PROBE_INTERVAL_SECONDS)


def _disable_huge_pages() -> None:
    """No transparent huge pages for the executor and its jobs (inherited): a fault costs the same every time.

    NumPy asks for huge pages for arrays over 4 MB, and the kernel may stop inside a page fault
    to compact memory for one: kmeans-step's memory probe (1.2 GB of fresh arrays) took 1.2-1.6 s
    of system time with them and 0.3-0.4 s without, and a 1.8 ms timed call now and then took
    8 ms. Resident peaks are exact to the page without them, too.
    """
    with contextlib.suppress(OSError):  # kernels before 3.15 lack the option: live with the noise
        _isolation.prctl(_isolation.PR_SET_THP_DISABLE, 1)


def _keep_off_cpu(cpu: Any) -> None:
    """Run anywhere but on this CPU (a timing job's), when another CPU is ours to use."""
    allowed = os.sched_getaffinity(0)
    if type(cpu) is int and cpu in allowed and len(allowed) > 1:
        os.sched_setaffinity(0, allowed - {cpu})


def _pin_to_cpu(cpu: Any) -> None:
    """Run on one CPU, when that CPU is ours to use (timing jobs all run on the same one)."""
    if type(cpu) is int and cpu in os.sched_getaffinity(0):
        os.sched_setaffinity(0, {cpu})


def _address_space_bytes(limits: Limits, *, has_cgroup: bool) -> int:
    """RLIMIT_AS for the job: the executor's own mappings plus the job's allowance.

    With a cgroup, memory the job touches is the cgroup's to limit (it kills with the peak, and
    counts every process); the address space then only stops reservations that could never fit,
    so it gets half the allowance again on top, and memory a job fills up hits the cgroup first.
    """
    allowance = limits.memory_bytes + (limits.memory_bytes // 2 if has_cgroup else 0)
    return _vm_size_bytes() + allowance


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


def _with_inputs(job: dict[str, Any], inputs: Any) -> dict[str, Any]:
    """Put each call's args and kwargs (sent in their own frame) back into the job."""
    calls = job["calls"]
    if type(inputs) is not list or len(inputs) != len(calls):
        raise ValueError(f"{len(calls)} calls but inputs for {len(inputs) if type(inputs) is list else 'none'}")
    for call, given in zip(calls, inputs, strict=True):
        call["args"], call["kwargs"] = given["args"], given["kwargs"]
    return job


_Inputs = mmap.mmap | bytearray | list[Any]  # a raw frame, or inputs the executor decoded
_MMAP_THRESHOLD = _EXECUTOR_ALLOCATOR[_M_MMAP_THRESHOLD]


def _wipe_small_arrays(value: Any) -> None:
    """Zero the arrays in decoded inputs that live in the heap, whose freed memory a later job
    inherits; bigger ones have mappings of their own, unmapped when let go."""
    if isinstance(value, np.ndarray):
        if value.nbytes < _MMAP_THRESHOLD and value.flags.writeable:
            value.fill(0)
    elif isinstance(value, list | tuple):
        for item in value:
            _wipe_small_arrays(item)
    elif isinstance(value, dict):
        for item in value.values():
            _wipe_small_arrays(item)


def _let_go(kept: InputCache[list[Any]], *, keep: Any) -> None:
    """In a job leader: wipe every kept input but this job's (the caller then drops the cache)."""
    for inputs in kept.values():
        if inputs is not keep:
            _wipe_small_arrays(inputs)


def _forget_inputs(inputs: _Inputs) -> None:
    if isinstance(inputs, list):
        _wipe_small_arrays(inputs)
    else:
        _forget(inputs)


def _forget(payload: mmap.mmap | bytearray) -> None:
    """Unmap a request's own mapping (no page is copied or left behind).

    A frame that is not a mapping is an empty one (framing.read_frame_mapped): nothing to forget.
    """
    if isinstance(payload, mmap.mmap):
        payload.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--slot", type=int, required=True)
    parser.add_argument("--uid", type=int, required=True)
    parser.add_argument("--isolation", choices=("full", "userns", "rlimits"), required=True)
    parser.add_argument("--root-dir", required=True)
    options = parser.parse_args(argv)
    # Keep the protocol pipes on private descriptors; 0/1 become /dev/null for jobs to inherit.
    requests, responses = os.dup(0), os.dup(1)
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - nothing may write into the protocol pipe
    _disable_huge_pages()
    _fix_allocator(_EXECUTOR_ALLOCATOR)
    executor = Executor(slot=options.slot, uid=options.uid, isolation=options.isolation,
                        root_dir=options.root_dir)
    os.write(responses, b"R")  # ready: NumPy is imported and the filter is built
    executor.serve(requests, responses)


if __name__ == "__main__":
    main()
