"""Inside the job: load the submission, call its function once per case, and frame the outputs.

This code shares a process with the submission, so nothing it reports is trusted beyond
"these are the outputs": verdicts are decided outside, from the outputs alone, and any
measurement made here (lines, memory, timings) is advisory or cross-checked by the kernel.
"""

from __future__ import annotations

import builtins
import contextlib
import importlib
import linecache
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import traceback
import tracemalloc
import types
import warnings
from collections.abc import Callable
from types import FrameType, TracebackType
from typing import Any, NoReturn

import numpy as np

from sandbox import codec, framing
from sandbox.result import MAX_CALLS_PER_SAMPLE

SOLUTION_FILENAME = "solution.py"
MESSAGE_CHARS = 2048
RESULT_FD = 3  # a SOCK_SEQPACKET socket (sandbox.executor._result_channel)
RESULT_MESSAGE_BYTES = 64 * 1024  # one message each, well under the socket's send buffer
SAMPLE_SECONDS = 0.0005  # a timed sample lasts at least this long (more calls per sample when fast)
_type_name = type.__dict__["__name__"].__get__
_type_mro = type.__dict__["__mro__"].__get__
# Taken before the submission loads: rebinding sys.settrace cannot stop the next call's tracer,
# nor rebinding time.thread_time change the clock calls are timed by (code that reaches into
# this module can; the kernel's CPU figure is the check on that).
_settrace, _gettrace, _threads_settrace = sys.settrace, sys.gettrace, threading.settrace
_thread_time, _process_time = time.thread_time, time.process_time
# Code from these files is the interpreter's or NumPy's; any other code object was made by the
# submission (solution.py, or compile()/exec() under any other name) and its lines are counted.
_LIBRARY_PREFIXES = tuple(sorted({sys.prefix, sys.base_prefix, sys.exec_prefix, os.path.dirname(np.__file__),
                                  os.path.dirname(os.path.abspath(__file__)), "<frozen "}))


class CaseTimeoutError(BaseException):
    """Raised into the submission when one case uses up its CPU budget."""


class BannedCallError(Exception):
    """Raised when the submission calls a function the challenge forbids."""


def run_job(job: dict[str, Any]) -> NoReturn:
    """Run every call of the job and write one result frame on RESULT_FD, then exit."""
    _install_friendly_guards()
    _ban(job.get("banned", []))
    _refuse_private_numpy_imports()
    _keep_recording_silenced_fp_errors()
    report: dict[str, Any] = {"load_error": None, "calls": []}
    function = None
    try:
        function = _load(job["code"], job["function"])
    except BaseException as exc:
        report["load_error"] = describe_exception(exc)
    if function is not None:
        for call in job["calls"]:
            report["calls"].append(_run_call(function, call))
    _flush_std_streams()
    try:
        frame = codec.encode(report)
    except codec.EncodeError as exc:
        frame = codec.encode({"load_error": None, "calls": [], "frame_error": str(exc)})
    framing.write_frame(RESULT_FD, frame, max_write_bytes=RESULT_MESSAGE_BYTES)
    os._exit(0)


def _load(code: str, function_name: str) -> Callable[..., Any]:
    linecache.cache[SOLUTION_FILENAME] = (len(code), None, code.splitlines(True), SOLUTION_FILENAME)
    namespace: dict[str, Any] = {"__name__": "solution", "__file__": SOLUTION_FILENAME, "__builtins__": builtins}
    exec(compile(code, SOLUTION_FILENAME, "exec"), namespace)
    function = namespace.get(function_name)
    if not callable(function):
        raise NameError(f"no function named {function_name!r} is defined; define def {function_name}(...)")
    return function  # type: ignore[no-any-return]


def _run_call(function: Callable[..., Any], call: dict[str, Any]) -> dict[str, Any]:
    args, kwargs = list(call["args"]), dict(call["kwargs"])
    options: dict[str, Any] = call.get("options", {})
    result: dict[str, Any] = {"status": "ok"}
    pristine = [a.copy() if type(a) is np.ndarray and a.size <= 2_000_000 else None for a in args]
    fp_events: list[str] = []
    tracer = _LineCounter() if options.get("trace_lines") else None
    copies = _CopyFinder(args) if options.get("find_copies") and tracer is None else None

    def on_fp_error(kind: str, flag: int) -> None:
        if len(fp_events) < 20:
            fp_events.append(kind)

    _arm_case_timer(float(options.get("cpu_seconds", 0.0)))
    try:
        if options.get("measure_memory"):
            tracemalloc.start()
        with warnings.catch_warnings(record=True) as caught, np.errstate(
            over="call", divide="call", invalid="call", under="call"  # underflow only names a NaN's cause
        ):
            warnings.simplefilter("always")
            old_call = np.seterrcall(on_fp_error)
            if tracer:  # every thread the call starts is traced too
                _threads_settrace(tracer.trace)
                _settrace(tracer.trace)
            elif copies:
                _settrace(copies.trace)
            started = _thread_time()
            value = function(*args, **kwargs)
            elapsed = _thread_time() - started
            if tracer:
                tracer.intact = _gettrace() == tracer.trace
            _settrace(None)
            _threads_settrace(None)
            np.seterrcall(old_call)
        if options.get("measure_memory"):
            result["peak_bytes"] = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        repeats = int(options.get("time_repeats", 0))
        result["seconds"] = [elapsed]  # the first call doubles as the timing warm-up
        if repeats:  # the output sent back is the last repeat's: the grader checks timed calls too
            value = None  # let go of the warm-up's output, so the repeats find its memory to reuse
            samples, result["calls_per_sample"], value = _time_repeats(
                function, args, kwargs, repeats, float(options.get("time_budget_seconds", 0.2)),
                int(options.get("time_min_repeats", 3)))
            result["seconds"] += samples
    except BaseException as exc:
        if tracer:
            tracer.intact = _gettrace() == tracer.trace
        _settrace(None)
        _threads_settrace(None)
        if tracemalloc.is_tracing():
            tracemalloc.stop()
        _arm_case_timer(0.0)
        status = "timeout" if isinstance(exc, CaseTimeoutError) else "error"
        return {"status": status, "error": describe_exception(exc), **_diagnostics(tracer, fp_events, [])}
    _arm_case_timer(0.0)
    result.update(_diagnostics(tracer, fp_events, caught))
    if copies is not None:
        result["copies"] = copies.found[:20]
    result["mutated"] = [
        i for i, (before, after) in enumerate(zip(pristine, args, strict=True))
        if before is not None and not _same_array(before, after)
    ]
    if type(value) is np.ndarray:
        result["shape"] = list(value.shape)
        result["shares_memory"] = [type(a) is np.ndarray and _shares_memory(value, a) for a in args]
        rows = options.get("sample_rows")
        if rows is not None and value.ndim >= 1:
            value = value[[r for r in rows if -value.shape[0] <= r < value.shape[0]]]
    if options.get("discard_value"):
        value = None  # timing and tracing runs need no output, and a huge view would be copied to send it
    try:
        result["value"] = codec.encode(value)
    except (codec.EncodeError, MemoryError, RecursionError) as exc:  # any value gets a verdict, not a dead job
        message = str(exc) if isinstance(exc, codec.EncodeError) else "the returned value is too large to send back"
        result = {"status": "invalid", "error": {"type": "InvalidResult", "mro": [], "message": message,
                                                  "traceback": []}}
    return result


def _time_repeats(function: Callable[..., Any], args: list[Any], kwargs: dict[str, Any], samples: int,
                  budget_seconds: float, min_samples: int) -> tuple[list[float], int, Any]:
    """CPU seconds per call over up to `samples` samples: at least `min_samples`, then until the budget is spent.

    CPU time, not wall time: only the job's own CPU time is its cost, whatever else shares its
    core. The thread's clock, because the process clock ticks in whole jiffies while a per-call
    CPU timer is armed; work moved to another thread escapes it, but not the kernel's figure for
    the job, which is the check. Reading the clock is a system call of about a microsecond, so
    a function faster than SAMPLE_SECONDS is timed over several calls per sample. The budget is
    also read from the process clock (coarse, but another clock): a thread clock made to crawl
    cannot keep the job repeating until it is killed, so the kernel's figure can overrule it.
    Each call's output is let go before the next call, so every call finds the memory the one
    before it used: holding it would make the next call fault in fresh pages for its own (a
    6 ms call took 17 ms, twice per job, and the median of four samples with it).
    """
    process_started = _process_time()
    started = _thread_time()
    value = function(*args, **kwargs)
    first = _thread_time() - started
    batch = min(MAX_CALLS_PER_SAMPLE, max(1, int(SAMPLE_SECONDS / max(first, 1e-9))))
    seconds = [first] if batch == 1 else []
    spent = first
    while len(seconds) < samples and (len(seconds) < min_samples or (
            spent < budget_seconds and _process_time() - process_started < 2 * budget_seconds)):
        started = _thread_time()
        for _ in range(batch):
            value = None
            value = function(*args, **kwargs)
        elapsed = _thread_time() - started
        seconds.append(elapsed / batch)
        spent += elapsed
    return seconds, batch, value


def _diagnostics(tracer: _LineCounter | None, fp_events: list[str], caught: list[Any]) -> dict[str, Any]:
    messages = [f"{kind} in a floating-point operation" for kind in fp_events]
    for warning in caught[:20]:
        try:
            messages.append(f"{_type_name(type(warning.message))}: {str(warning.message)[:200]}")
        except BaseException:
            continue
    diagnostics: dict[str, Any] = {"warnings": messages}
    if tracer is not None:
        diagnostics["lines"] = dict(tracer.counts)
        diagnostics["tracer_intact"] = tracer.intact
    return diagnostics


class _LineCounter:
    """Counts line events in code the submission made (not NumPy's, not the interpreter's, not ours).

    By origin, not by the solution's file name: code compiled under another name counts too.
    `intact` says whether the tracer was still installed when the call returned; code that
    removes it is reported, and what its calls cost is judged from outside (app.grading.cost).
    """

    def __init__(self) -> None:
        self.counts: dict[int, int] = {}
        self.intact = True

    def trace(self, frame: FrameType, event: str, arg: Any) -> Any:
        filename = frame.f_code.co_filename
        if filename != SOLUTION_FILENAME and (type(filename) is not str or filename.startswith(_LIBRARY_PREFIXES)):
            return None
        return self._local

    def _local(self, frame: FrameType, event: str, arg: Any) -> Any:
        if event == "line":
            self.counts[frame.f_lineno] = self.counts.get(frame.f_lineno, 0) + 1
        return self._local


class _CopyFinder:
    """Arrays the submission's code holds that only repeat a smaller array: a materialised broadcast.

    Judged by what the data is, not by which function made it (np.tile, np.repeat(...).reshape,
    np.array(np.broadcast_to(...)), np.kron, np.stack([m] * n), np.ones(shape) * m ...): at each
    line, every new array among the frame's locals is checked for axes along which all slices
    are equal; collapsing them gives the slice it repeats. Advisory, like every in-job figure.
    """

    MIN_ITEMS = 1024
    MIN_FACTOR = 4

    def __init__(self, args: list[Any]) -> None:
        self.seen: set[int] = {id(a) for a in args}
        self.found: list[list[int]] = []
        self._previous: dict[int, int] = {}

    def trace(self, frame: FrameType, event: str, arg: Any) -> Any:
        if frame.f_code.co_filename != SOLUTION_FILENAME:
            return None
        return self._local

    def _local(self, frame: FrameType, event: str, arg: Any) -> Any:
        if event in ("line", "return"):
            line = self._previous.get(id(frame), frame.f_lineno)
            for value in list(frame.f_locals.values()):
                if type(value) is np.ndarray and id(value) not in self.seen:
                    self.seen.add(id(value))
                    self._check(value, line)
            self._previous[id(frame)] = frame.f_lineno
        return self._local

    def _check(self, array: np.ndarray, line: int) -> None:
        if array.size < self.MIN_ITEMS or array.dtype.kind not in "biufc" or 0 in array.strides:
            return
        if len(self.found) >= 20:
            return
        core = array
        for axis in range(array.ndim):
            if core.shape[axis] > 1 and bool((core == core.take([0], axis=axis)).all()):
                core = core.take([0], axis=axis)
        if core.size * self.MIN_FACTOR <= array.size and core.size > 1:  # a constant array is an initialisation
            self.found.append([line, int(array.nbytes), int(core.nbytes)])


def _same_array(before: np.ndarray, after: Any) -> bool:
    if type(after) is not np.ndarray or after.shape != before.shape:
        return False
    return bool(np.array_equal(before, after, equal_nan=before.dtype.kind in "fc"))


def _shares_memory(a: np.ndarray, b: np.ndarray) -> bool:
    try:
        return bool(np.shares_memory(a, b, max_work=100_000))  # type: ignore[arg-type]
    except np.exceptions.TooHardError:
        return bool(np.may_share_memory(a, b))


def _arm_case_timer(cpu_seconds: float) -> None:
    """A per-case CPU budget (SIGPROF), so one slow case cannot take the whole job down."""
    if cpu_seconds > 0:
        signal.signal(signal.SIGPROF, _on_case_timeout)
    signal.setitimer(signal.ITIMER_PROF, cpu_seconds)


def _on_case_timeout(signum: int, frame: FrameType | None) -> None:
    raise CaseTimeoutError("this case used up its CPU time")


def describe_exception(exc: BaseException) -> dict[str, Any]:
    """Type, message (capped) and the traceback lines that belong to the submission."""
    kind = type(exc)
    try:
        message = str(exc)
        if type(message) is not str:
            message = str.__str__(message)
    except BaseException:
        message = "<the exception's message could not be printed>"
    if len(message) > MESSAGE_CHARS:
        message = message[:MESSAGE_CHARS] + " [message cut]"
    if isinstance(exc, SyntaxError) and exc.filename == SOLUTION_FILENAME:
        frames = [[int(exc.lineno or 0), (exc.text or "").strip(), "<module>"]]
        message = str(exc.msg)[:MESSAGE_CHARS]
    else:
        frames = _solution_frames(exc.__traceback__)
    return {
        "type": _type_name(kind),
        "mro": [_type_name(k) for k in _type_mro(kind)],
        "message": message,
        "traceback": frames,
    }


def _solution_frames(tb: TracebackType | None) -> list[list[Any]]:
    """Only the submission's frames: harness frames would leak our internals and confuse."""
    frames: list[list[Any]] = []
    try:
        for entry in traceback.extract_tb(tb, limit=200):
            if entry.filename == SOLUTION_FILENAME:
                frames.append([int(entry.lineno or 0), (entry.line or "")[:200], entry.name[:100]])
    except BaseException:
        return frames
    if len(frames) > 20:  # deep recursion: the first and last frames tell the story
        frames = frames[:10] + frames[-10:]
    return frames


def _flush_std_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(BaseException):
            stream.flush()


def _refuse_programs(*args: Any, **kwargs: Any) -> NoReturn:
    raise PermissionError("running programs is disabled in the sandbox")


def _refuse_network(*args: Any, **kwargs: Any) -> NoReturn:
    raise PermissionError("network access is disabled in the sandbox")


class _GuardedSocket(socket.socket):
    """Still a class (so modules that subclass socket import fine), but only UNIX sockets open."""

    def __init__(self, family: int = -1, type: int = -1, proto: int = -1, fileno: int | None = None) -> None:
        if fileno is None and family != socket.AF_UNIX:
            _refuse_network()
        super().__init__(family, type, proto, fileno)


def _install_friendly_guards() -> None:
    """Clear messages for what the kernel layers forbid anyway (they stay the real barrier)."""
    for name in ("system", "popen", "execv", "execve", "execl", "execle", "execlp", "execlpe", "execvp",
                 "execvpe", "spawnv", "spawnve", "spawnl", "spawnle", "posix_spawn", "posix_spawnp"):
        if hasattr(os, name):
            setattr(os, name, _refuse_programs)
    subprocess.Popen = _refuse_programs  # type: ignore[assignment, misc]
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "create_server"):
        setattr(socket, name, _refuse_network)
    socket.socket = _GuardedSocket  # type: ignore[misc]


def _ban(names: list[str]) -> None:
    """Make banned NumPy functions unusable by every route, not only by their public name.

    Module attributes are replaced (a clear error for `np.cov` and `getattr(np, "c" + "ov")`),
    and the Python implementation behind NumPy's array-function dispatcher gets its code
    replaced in place: `np.cov.__wrapped__`, `np.cov._implementation`, the private module's
    `cov`, and whatever `gc.get_objects()` finds all run the refusing code. The original code
    object is kept nowhere, so nothing the submission does later can bring it back.
    """
    for dotted in names:
        parts = dotted.split(".")
        owner: Any = np
        for part in parts[1:-1]:
            owner = getattr(owner, part, None)
        original = getattr(owner, parts[-1], None) if owner is not None else None
        if original is None:
            continue

        def banned(*args: Any, _name: str = dotted, **kwargs: Any) -> NoReturn:
            raise BannedCallError(f"{_name} is not allowed in this challenge")

        for module in list(sys.modules.values()):
            if module is not None and module.__name__.startswith("numpy"):
                for attribute, member in list(vars(module).items()):
                    if member is original:
                        setattr(module, attribute, banned)
        _poison_implementation(original, dotted)


def _poison_implementation(dispatcher: Any, dotted: str) -> None:
    """Replace the code of the Python function(s) behind `dispatcher` with code that raises."""
    seen: set[int] = set()
    current = dispatcher
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, types.FunctionType):
            current.__code__ = _refusing_code(current.__code__.co_freevars, dotted)
        current = getattr(current, "_implementation", None) or getattr(current, "__wrapped__", None)


def _refusing_code(freevars: tuple[str, ...], dotted: str) -> types.CodeType:
    """A code object that raises BannedCallError, with the same free variables (a closure must match)."""
    assign = "".join(f"    {name} = None\n" for name in freevars)
    touch = "".join(f"        {name}\n" for name in freevars)
    message = f"{dotted} is not allowed in this challenge"
    source = (f"def outer():\n{assign}    def refused(*args, **kwargs):\n{touch}"
              f"        raise type('BannedCallError', (Exception,), {{}})({message!r})\n"
              "    return refused\n")
    namespace: dict[str, Any] = {}
    exec(compile(source, "<banned>", "exec"), namespace)
    code: types.CodeType = namespace["outer"]().__code__
    return code


def _keep_recording_silenced_fp_errors() -> None:
    """`np.errstate(all="ignore")` / `np.seterr(...)` in a submission still lets the harness see the errors.

    "ignore" (and "warn", "print", "log") become "call": the submission sees no warning, as it
    asked, while the harness's callback records the event. "raise" is kept. Only the public names
    are wrapped, and NumPy's own code calling them keeps silencing what it expects.
    """
    quiet = ("ignore", "warn", "print", "log")
    kinds = ("all", "divide", "over", "under", "invalid")

    def translated(settings: dict[str, Any]) -> dict[str, Any]:
        return {k: ("call" if k in kinds and v in quiet else v) for k, v in settings.items()}

    original_errstate, original_seterr = np.errstate, np.seterr

    def errstate(**settings: Any) -> Any:
        own = _imported_by_numpy(sys._getframe(1))  # NumPy reaching its own top-level name keeps its silence
        return original_errstate(**(settings if own else translated(settings)))

    def seterr(**settings: Any) -> Any:
        own = _imported_by_numpy(sys._getframe(1))
        return original_seterr(**(settings if own else translated(settings)))

    np.seterrcall(_drop_fp_error)  # "call" needs a callable outside the calls too (the code's top level)
    np.errstate = errstate  # type: ignore[assignment, misc]
    np.seterr = seterr  # type: ignore[assignment]


def _drop_fp_error(kind: str, flag: int) -> None:
    """Outside a call nothing is recorded: only what the function does is evidence."""


def _is_private_numpy(name: str) -> bool:
    """`numpy._core`, `numpy.core`, `numpy.lib._shape_base_impl`: NumPy's internals, not its API."""
    if name != "numpy" and not name.startswith("numpy."):
        return False
    parts = name.split(".")[1:]
    return bool(parts) and (parts[0] == "core" or any(part.startswith("_") for part in parts))


def _refuse_private_numpy_imports() -> None:
    """The submission may import NumPy's public API only; NumPy's own lazy imports still work.

    A guard, not the barrier: `sys.modules` holds the private modules anyway. What matters is
    that no banned original is left in them (_ban), so getting past this gains nothing.
    """
    original_import = builtins.__import__

    def guarded_import(name: str, globals: Any = None, locals: Any = None, fromlist: Any = (),
                       level: int = 0) -> Any:
        # NumPy's C code imports lazily through PyImport_Import, which passes an empty *list* as the
        # fromlist (statements pass None or a tuple), and the calling frame is then the submission's.
        from_c = type(fromlist) is list and not fromlist
        if level == 0 and not from_c and not _imported_by_numpy(sys._getframe(1)):
            wanted = [name] + [f"{name}.{item}" for item in (fromlist or ()) if isinstance(item, str)]
            private = next((w for w in wanted if _is_private_numpy(w)), None)
            if private is not None:
                raise ImportError(f"{private} is a private NumPy module: submissions may use NumPy's public API "
                                  "only; import numpy and call its public functions")
        return original_import(name, globals, locals, fromlist, level)

    def guarded_import_module(name: str, package: str | None = None) -> Any:
        if _is_private_numpy(name) and not _imported_by_numpy(sys._getframe(1)):
            raise ImportError(f"{name} is a private NumPy module: submissions may use NumPy's public API only; "
                              "import numpy and call its public functions")
        return original_import_module(name, package)

    original_import_module = importlib.import_module
    builtins.__import__ = guarded_import
    importlib.import_module = guarded_import_module


def _imported_by_numpy(frame: FrameType) -> bool:
    module = frame.f_globals.get("__name__")
    return type(module) is str and (module == "numpy" or module.startswith("numpy."))
