"""The caller's side: a pool of executor processes (one per slot) behind a bounded queue."""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sandbox import _cgroup, framing
from sandbox.input_cache import InputCache
from sandbox.job import Call, Job
from sandbox.limits import MIB, Limits
from sandbox.result import MalformedResultError, RunResult, parse_report

IsolationLevel = Literal["full", "userns", "rlimits"]
SLOT_UID_BASE = 61000
SLOT_UID_COUNT = 1024
# Root's slot uids are claimed host-wide; without root a job keeps our uid, and the claim is ours alone.
_UID_LOCKS = Path(tempfile.gettempdir()) / ("arraydojo-slot-uids" + ("" if os.geteuid() == 0 else f"-{os.geteuid()}"))
_PACKAGE_PARENT = str(Path(__file__).resolve().parent.parent)
PIPE_BYTES = 1 * MIB  # Linux's default ceiling for an unprivileged pipe (64 KiB otherwise)
_KEPT_ENVIRONMENT = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")  # correctness workarounds on some CPUs
log = logging.getLogger("arraydojo.sandbox")


class QueueFullError(RuntimeError):
    """Every slot is busy and the queue in front of them is full: try again shortly."""


def detect_isolation() -> IsolationLevel:
    """Full layers need root (namespaces, pivot_root, per-slot uids); without root, the same
    namespaces and minimal root inside an unprivileged user namespace where the kernel allows
    them (no per-slot uids, no cgroup); otherwise rlimits only."""
    if sys.platform != "linux":
        return "rlimits"
    if os.geteuid() == 0:
        return "full"
    return "userns" if _user_namespaces_allowed() else "rlimits"


def _user_namespaces_allowed() -> bool:
    """What the kernel's settings say; the pool's probe job then proves it (AppArmor may still refuse)."""
    for setting, refused in (("/proc/sys/user/max_user_namespaces", "0"),
                             ("/proc/sys/kernel/unprivileged_userns_clone", "0"),
                             ("/proc/sys/kernel/apparmor_restrict_unprivileged_userns", "1")):
        try:
            with open(setting) as value:
                if value.read().strip() == refused:
                    return False
        except OSError:
            continue
    return True


# Jobs inherit their executor's str hash seed (an interpreter cannot change its own): each
# executor starts with a random one, and is replaced after this many jobs, between two jobs.
JOBS_PER_EXECUTOR = 500
ROOT_PREFIX = "arraydojo-sandbox-"
_ROOT_LOCK = ".pool.lock"
STALE_ROOT_SECONDS = 60.0  # younger folders may belong to a pool still setting itself up


def _lock_root(root_dir: str) -> int:
    """Hold a lock inside the pool's root folder for its lifetime: a folder whose lock is free is stale."""
    fd = os.open(os.path.join(root_dir, _ROOT_LOCK), os.O_CREAT | os.O_RDWR | os.O_CLOEXEC, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd


def sweep_stale_roots(*, keep: str, older_than_seconds: float = STALE_ROOT_SECONDS) -> int:
    """Remove root folders of pools that ended without closing (killed, crashed); return how many.

    Only folders with a lock file nobody holds: a folder without one may belong to a running
    pool of an older version, and is left alone.
    """
    removed = 0
    now = time.time()
    for folder in Path(tempfile.gettempdir()).glob(f"{ROOT_PREFIX}*"):
        if str(folder) == keep or not folder.is_dir() or folder.is_symlink():
            continue
        try:
            info = folder.stat()
            if info.st_uid != os.geteuid() or now - info.st_mtime < older_than_seconds:
                continue  # /tmp is shared: only our own folders
            fd = os.open(folder / _ROOT_LOCK, os.O_RDWR | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue  # a live pool holds it
        shutil.rmtree(folder, ignore_errors=True)
        os.close(fd)
        removed += 1
    return removed


@dataclass
class _Pending:
    job: Job
    limits: Limits
    future: Future[RunResult]


class Sandbox:
    """Runs jobs on N slots, each an executor process with its own uid; thread-safe.

    `submit` returns a Future at once or raises QueueFullError; `run` waits for the result.
    Timing jobs (a Job with a `cpu`) have an executor of their own besides the N slots: they
    run one at a time anyway, and this way each starts from the same executor state. A job
    inherits its executor's memory layout, and the same timing job ran in 4.3 ms on one
    executor and 9.8 ms on the other, by turns, as the pool handed it to either.
    """

    def __init__(self, *, slots: int | None = None, queue_size: int = 32,
                 isolation: IsolationLevel | None = None, root_dir: str | None = None,
                 jobs_per_executor: int = JOBS_PER_EXECUTOR) -> None:
        self.slots = slots or os.cpu_count() or 1
        self.jobs_per_executor = max(1, jobs_per_executor)
        self._isolation_detected = isolation is None
        self.isolation: IsolationLevel = isolation or detect_isolation()
        self.root_dir = root_dir or tempfile.mkdtemp(prefix=ROOT_PREFIX)
        os.chmod(self.root_dir, 0o700)
        self._root_lock = _lock_root(self.root_dir)
        self._queue: queue.Queue[_Pending | None] = queue.Queue(maxsize=queue_size)
        self._timing_queue: queue.Queue[_Pending | None] = queue.Queue(maxsize=queue_size)
        self._workers: list[_SlotWorker] = []
        self._lock = threading.Lock()
        self._busy = 0
        self._closed = False
        self._warned_accounting = False
        self._uid_locks: list[int] = []
        self.uids: list[int] = []  # one per slot and one for timing, unique on this host while the pool runs

    def start(self) -> Sandbox:
        """Start one executor per slot; when the level was auto-detected, prove it works first.

        Root inside a container without CAP_SYS_ADMIN (or under a seccomp profile that forbids
        unshare) cannot build the namespaces: every job would fail. A probe job finds out at
        start, and the pool falls back to the rlimits level, loudly, instead.
        """
        swept = sweep_stale_roots(keep=self.root_dir)
        if swept:
            log.warning("removed %d sandbox root folder(s) left by pools that did not close", swept)
        uids = [self._claim_uid() for _ in range(self.slots + 1)]  # the last one runs timing jobs
        for uid in uids:  # each executor sweeps its own when it starts; some start late, or never
            _cgroup.sweep(owner=str(uid))
        self._start_workers(uids)
        if self._isolation_detected and self.isolation in ("full", "userns"):
            probe = self.run(Job(code="def probe():\n    return 1\n", function="probe", calls=(Call(()),)))
            if probe.outcome == "internal_error":
                log.warning("%s sandbox isolation is not available here (%s); falling back to rlimits only: "
                            "see the README's security section for the capabilities it needs", self.isolation,
                            probe.detail)
                self._stop_workers()
                self.isolation = "rlimits"
                self._start_workers(uids)
        log.info("sandbox isolation level: %s, %d slots", self.isolation, self.slots)
        return self

    def _start_workers(self, uids: list[int]) -> None:
        for slot, uid in enumerate(uids):
            worker = _SlotWorker(self, slot, uid, self._timing_queue if slot == self.slots else self._queue)
            worker.start()
            self._workers.append(worker)

    def _stop_workers(self) -> None:
        for worker in self._workers:
            worker.queue.put(None)
        for worker in self._workers:
            worker.join(timeout=10)
        self._workers = []

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._closed = True
        self._stop_workers()
        for fd in self._uid_locks:
            os.close(fd)
        shutil.rmtree(self.root_dir, ignore_errors=True)
        os.close(self._root_lock)

    def _claim_uid(self) -> int:
        """A uid no other sandbox on this host is using (several server workers each run one).

        Two executors sharing a uid would share RLIMIT_NPROC and kill each other's jobs in
        the after-job sweep, so each uid is held by an exclusive lock for the pool's lifetime.
        """
        _UID_LOCKS.mkdir(mode=0o700, exist_ok=True)
        for uid in range(SLOT_UID_BASE, SLOT_UID_BASE + SLOT_UID_COUNT):
            fd = os.open(_UID_LOCKS / f"{uid}.lock", os.O_CREAT | os.O_RDWR, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            self._uid_locks.append(fd)
            self.uids.append(uid)
            return uid
        raise RuntimeError(f"all {SLOT_UID_COUNT} sandbox uids are in use on this host")

    @property
    def queue_depth(self) -> int:
        return self._queue.qsize()

    @property
    def busy_slots(self) -> int:
        return self._busy

    def submit(self, job: Job, *, limits: Limits | None = None) -> Future[RunResult]:
        if self._closed:
            raise RuntimeError("the sandbox is closed")
        future: Future[RunResult] = Future()
        try:
            lane = self._timing_queue if job.cpu is not None else self._queue
            lane.put_nowait(_Pending(job, (limits or Limits()).clamped(), future))
        except queue.Full:
            raise QueueFullError("every sandbox slot is busy and the queue is full") from None
        return future

    def run(self, job: Job, *, limits: Limits | None = None) -> RunResult:
        return self.submit(job, limits=limits).result()

    def _note_accounting(self, accounting: str) -> None:
        """Say once, in the log, when jobs are counted per process (no cgroup could be made)."""
        if accounting and not accounting.startswith("cgroup") and not self._warned_accounting:
            self._warned_accounting = True
            log.warning("sandbox jobs have no cgroup of their own here (%s): memory and CPU limits are per "
                        "process and each job is held to one process; see the README's security section",
                        accounting)

    def _mark(self, delta: int) -> None:
        with self._lock:
            self._busy += delta


class _SlotWorker(threading.Thread):
    """Owns one executor process; restarts it if it ever dies."""

    def __init__(self, sandbox: Sandbox, slot: int, uid: int, jobs: queue.Queue[_Pending | None]) -> None:
        super().__init__(name=f"sandbox-slot-{slot}", daemon=True)
        self.sandbox = sandbox
        self.queue = jobs
        self.slot = slot
        self.uid = uid
        self.process: subprocess.Popen[bytes] | None = None
        self.sent: InputCache[bool] = InputCache()  # mirrors which inputs the executor keeps
        self.jobs_run = 0  # by the current executor

    def run(self) -> None:
        while True:
            pending = self.queue.get()
            if pending is None:
                self._stop_executor()
                return
            if not pending.future.set_running_or_notify_cancel():
                continue
            self.sandbox._mark(+1)
            try:
                result = self._run(pending.job, pending.limits)
                self.sandbox._note_accounting(result.accounting)
                pending.future.set_result(result)
            except BaseException as exc:
                log.exception("sandbox slot %d failed", self.slot)
                self._stop_executor()
                pending.future.set_result(RunResult(outcome="internal_error", detail=str(exc)))
            finally:
                self.sandbox._mark(-1)
            if self.jobs_run >= self.sandbox.jobs_per_executor:
                # Replaced now, after the answer went out: a fresh hash seed (JOBS_PER_EXECUTOR), and
                # the start-up is paid between jobs rather than by the next one when the slot is idle.
                self._stop_executor()
                with contextlib.suppress(RuntimeError, OSError):
                    self.process = self._start_executor()

    def _executor(self) -> subprocess.Popen[bytes]:
        if self.process is not None and self.process.poll() is not None:
            self._stop_executor()  # it died between jobs: close its pipes before starting anew
        if self.process is None:
            self.process = self._start_executor()
        return self.process

    def _start_executor(self) -> subprocess.Popen[bytes]:
        self.sent.clear()  # a new executor keeps nothing yet
        environment = {
            "PYTHONPATH": _PACKAGE_PARENT,
            "OPENBLAS_NUM_THREADS": "1",
            "OMP_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
            "LANG": "C.UTF-8",
        }
        environment |= {name: os.environ[name] for name in _KEPT_ENVIRONMENT if name in os.environ}
        process = subprocess.Popen(
            [sys.executable, "-m", "sandbox.executor", "--slot", str(self.slot),
             "--uid", str(self.uid), "--isolation", self.sandbox.isolation,
             "--root-dir", self.sandbox.root_dir],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=environment, cwd="/",
            close_fds=True,
        )
        assert process.stdout is not None
        assert process.stdin is not None
        for pipe in (process.stdin, process.stdout):  # big requests and results in fewer, larger writes
            with contextlib.suppress(OSError):
                fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        if process.stdout.read(1) != b"R":
            process.kill()
            raise RuntimeError(f"sandbox executor for slot {self.slot} failed to start")
        self.jobs_run = 0
        return process

    def _stop_executor(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            for pipe in (self.process.stdin, self.process.stdout):
                if pipe is not None:
                    pipe.close()
            self.process = None

    def _run(self, job: Job, limits: Limits) -> RunResult:
        process = self._executor()
        key = job.inputs_key
        kept = key is not None and self.sent.get(key) is not None
        header, result, output = self._exchange(process, job, limits, send_inputs=not kept)
        self.jobs_run += 1
        if header.get("outcome") == "inputs_missing" and key is not None:
            self.sent.discard(key)  # our mirror was stale: send them after all
            header, result, output = self._exchange(process, job, limits, send_inputs=True)
        if header.get("outcome") == "inputs_missing":
            raise RuntimeError("the executor asked for inputs it was sent")
        return _build_result(header, result, output, limits)

    def _exchange(self, process: subprocess.Popen[bytes], job: Job, limits: Limits, *,
                  send_inputs: bool) -> tuple[dict[str, Any], bytearray, bytearray]:
        """One request and its response; the inputs are left out when the executor keeps them."""
        assert process.stdin is not None
        assert process.stdout is not None
        requests, responses = process.stdin.fileno(), process.stdout.fileno()
        header = {"limits": limits.as_dict(), "inputs_key": job.inputs_key,
                  "inputs": "attached" if send_inputs else "cached"}
        framing.write_frame(requests, json.dumps(header).encode())
        framing.write_frame(requests, job.encode_parts())
        if send_inputs:
            inputs = job.encode_inputs_parts()
            framing.write_frame(requests, inputs)
            if job.inputs_key is not None:
                self.sent.put(job.inputs_key, framing.payload_bytes(inputs), True)
        response = json.loads(framing.read_frame(responses, max_bytes=1 * MIB))
        result = framing.read_frame(responses, max_bytes=limits.result_bytes + MIB)
        output = framing.read_frame(responses, max_bytes=limits.output_kept_bytes + MIB)
        return response, result, output


def _build_result(header: dict[str, Any], result: bytearray, output: bytearray, limits: Limits) -> RunResult:
    common: dict[str, Any] = {
        "output": output.decode("utf-8", "replace"),
        "output_truncated": header["output_bytes"] > len(output),
        "cpu_seconds": header["cpu_seconds"],
        "job_cpu_seconds": header.get("job_cpu_seconds"),
        "job_peak_rss_bytes": header.get("job_peak_rss_bytes"),
        "probe_seconds": tuple(header.get("probe_seconds", ())),
        "wall_seconds": header["wall_seconds"],
        "max_rss_bytes": header["max_rss_bytes"],
        "peak_memory_bytes": header.get("peak_memory_bytes"),
        "accounting": header.get("accounting", ""),
        "exit_code": header["exit_code"],
        "signal": header["signal"],
    }
    outcome = header["outcome"]
    if outcome != "ok":
        if outcome == "no_result" and header["exit_code"] not in (None, 0):
            common["detail"] = f"exit status {header['exit_code']}"
        return RunResult(outcome=outcome, **{"detail": header.get("detail", ""), **common})
    try:
        load_error, calls = parse_report(result, max_bytes=limits.result_bytes)
    except (MalformedResultError, ValueError) as exc:
        return RunResult(outcome="invalid_result", detail=f"the result could not be read: {exc}", **common)
    if load_error is not None:
        return RunResult(outcome="runtime_error", load_error=load_error, **common)
    return RunResult(outcome="ok", calls=calls, **common)
