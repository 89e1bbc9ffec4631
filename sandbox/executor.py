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
import sys
import time
from dataclasses import dataclass, field
from typing import Any, NoReturn

import numpy as np  # imported once here so every job starts warm

from sandbox import _harness, _isolation, codec, framing
from sandbox.capture import PipeCapture
from sandbox.input_cache import InputCache
from sandbox.limits import MIB, Limits

MAX_REQUEST_BYTES = 512 * MIB
PROBE_INTERVAL_SECONDS = 0.002  # how often a timing job's leader times the probe while the job runs
MAX_PROBES = 500  # what the status line has room for (the first second or so of a job)
_PROBE_DATA = np.random.default_rng(0).random(2000)  # sorted in ~35 us: small enough to stay in L1
_JOB_FAILED_TO_START = 111
_STATUS_FD = 4


@dataclass
class _Supervision:
    """What the supervisor saw of one job while it ran."""

    output: PipeCapture
    result: PipeCapture  # the result frame, header included
    status: bytearray = field(default_factory=bytearray)
    killed_for: str | None = None

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
        self.plan = _isolation.plan_root(os.path.join(root_dir, f"slot-{slot}")) if isolation == "full" else None
        if self.plan:
            os.makedirs(self.plan.mountpoint, mode=0o700, exist_ok=True)
        self.seccomp = _isolation.SeccompFilter() if isolation in ("full", "rlimits") else None
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
        out_r, out_w = os.pipe()
        res_r, res_w = os.pipe()
        status_r, status_w = os.pipe()
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:
            self._job_leader(payload, inputs, limits, out_w, res_w, status_w)
        # The job has its copy; ours must not reach the next job's child (every job leader
        # lets go of the kept inputs but its own before its job starts).
        _forget(payload)
        if not inputs_kept:
            _forget_inputs(inputs)
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
        return self._describe(seen, usage, wall, limits, wait_status), seen

    def _supervise(self, pid: int, limits: Limits, out_r: int, res_r: int, status_r: int,
                   started: float) -> _Supervision:
        """Watch output, result and status pipes and the child's pidfd until all is done."""
        seen = _Supervision(output=PipeCapture(limits.output_kept_bytes),
                            result=PipeCapture(limits.result_bytes + framing.HEADER_BYTES + 1))
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
                if fd == status_r:
                    chunk = os.read(fd, 4096)
                    seen.status += chunk[: 4096 - len(seen.status)]
                    count = len(chunk)
                else:
                    count = (seen.output if fd == out_r else seen.result).read_from(fd)
                if not count:
                    poller.unregister(fd)
                    open_fds.discard(fd)
                    continue
                self._enforce(seen, limits, pid)
        for fd in (out_r, res_r, status_r, pidfd):
            os.close(fd)
        return seen

    def _enforce(self, seen: _Supervision, limits: Limits, pid: int) -> None:
        """Kill a job that printed or returned more than its limits allow."""
        if seen.killed_for is not None:
            return
        if seen.output.total > limits.output_kill_bytes:
            seen.killed_for = "output_limit"
            self._kill(pid)
        elif seen.result.total > limits.result_bytes + framing.HEADER_BYTES:
            seen.killed_for = "result_too_large"
            self._kill(pid)

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
                report["probe_seconds"] = [int(micros) / 1e6 for micros in probe_token.split(",")]
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
        if seen.result.kept >= framing.HEADER_BYTES and framing.frame_length(
            seen.result.head(framing.HEADER_BYTES)
        ) == seen.result.kept - framing.HEADER_BYTES:
            return {**report, "outcome": "ok"}
        if seen.result.kept:
            return {**report, "outcome": "invalid_result", "detail": "the result frame is malformed"}
        return {**report, "outcome": "no_result"}

    def _job_leader(self, payload: mmap.mmap | bytearray, inputs: _Inputs, limits: Limits,
                    out_w: int, res_w: int, status_w: int) -> NoReturn:
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
            given = inputs if isinstance(inputs, list) else codec.decode(inputs)
            job = _with_inputs(codec.decode(payload), given)
            # Decoded: the job needs none of the raw bytes, nor any other job's kept inputs
            # (big arrays are unmapped as they are let go; small ones, left in the heap, are wiped).
            _forget(payload)
            if not isinstance(inputs, list):
                _forget(inputs)
            _let_go(self.inputs, keep=given)
            self.inputs = InputCache()
            address_space = _vm_size_bytes() + limits.memory_bytes
            if self.isolation == "full" and self.plan is not None:
                _isolation.unshare(_isolation.JOB_NAMESPACES)
                _isolation.enter_minimal_root(self.plan, tmpfs_bytes=limits.tmpfs_bytes)
            timing = job.get("cpu") is not None
            if timing:
                _pin_to_cpu(job["cpu"])  # the probe must run on the job's CPU
            child = os.fork()
            if child == 0:
                self._job_main(job, limits, address_space)
            for fd in (0, 1, 2, _harness.RESULT_FD):
                os.close(fd)
            if timing:
                job_status, usage, probes = _wait_probing(child)
            else:
                _, job_status, usage = os.wait4(child, 0)
                probes = []
            # The job's own CPU time, without the decoding above: what the timing check compares;
            # and its resident peak (its own and its reaped children's), which no code in the job
            # can hide, unlike tracemalloc's figure: what the memory criterion trusts.
            probe_text = ",".join(f"{round(seconds * 1e6)}" for seconds in probes) or "-"
            os.write(_STATUS_FD, f"status:{job_status} {usage.ru_utime + usage.ru_stime:.6f} {usage.ru_maxrss} "
                     f"{probe_text}\n".encode())
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
            started = time.thread_time()
            np.sort(_PROBE_DATA)
            probes.append(time.thread_time() - started)
        time.sleep(PROBE_INTERVAL_SECONDS)


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
