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
_setprofile = sys.setprofile
_thread_time, _process_time = time.thread_time, time.process_time
# Code from these files is the interpreter's or NumPy's; any other code object was made by the
# submission (solution.py, or compile()/exec() under any other name) and its lines are counted.
_NUMPY_DIR = os.path.dirname(np.__file__) + os.sep
_LIBRARY_PREFIXES = tuple(sorted({sys.prefix, sys.base_prefix, sys.exec_prefix, os.path.dirname(np.__file__),
                                  os.path.dirname(os.path.abspath(__file__)), "<frozen "}))


class CaseTimeoutError(BaseException):
    """Raised into the submission when one case uses up its CPU budget."""


class BannedCallError(Exception):
    """Raised when the submission calls a function the challenge forbids."""


def run_job(job: dict[str, Any]) -> NoReturn:
    """Run every call of the job and write one result frame on RESULT_FD, then exit."""
    _install_friendly_guards()
    banned_code = _ban(job.get("banned", []))
    _audit_code_origins(banned_code)
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
    checked = args if options.get("check_mutation", True) else [None] * len(args)
    pristine = [a.copy() if type(a) is np.ndarray and a.size <= 2_000_000 else None for a in checked]
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
                _setprofile(copies.profile)
            started = _thread_time()
            value = function(*args, **kwargs)
            elapsed = _thread_time() - started
            if tracer:
                tracer.intact = _gettrace() == tracer.trace
            _settrace(None)
            _setprofile(None)
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
        _setprofile(None)
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
        drawn = int(options.get("sample_drawn", 0))
        if drawn and value.ndim >= 1:
            result["rows"] = _draw_rows(value.shape[0], drawn)
            value = value[result["rows"]]
        elif rows is not None and value.ndim >= 1:
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


def _draw_rows(count: int, wanted: int, _urandom: Callable[[int], bytes] = os.urandom) -> list[int]:
    """The first and last rows and random others, drawn after the call returned (the code cannot know them).

    Rows chosen beforehand travelled in the call's options, where the code could read them from
    the harness's frames and compute only those; these come from the kernel's randomness, taken
    before the submission loaded. The grader checks them against the reference's rows.
    """
    if count <= wanted:
        return list(range(count))
    rows = {0, count - 1}
    while len(rows) < wanted:
        rows.add(1 + int.from_bytes(_urandom(8), "little") % (count - 2))
    return sorted(rows)


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

    def profile(self, frame: FrameType, event: str, arg: Any) -> None:
        """What NumPy's Python-level functions return straight to the submission's code (`np.kron(ones, m)`,
        `np.outer(ones, m)`, `np.stack([m] * n)` inline): a temporary never held in a local is a copy too."""
        if event != "return" or type(arg) is not np.ndarray or id(arg) in self.seen:
            return
        caller = frame.f_back
        if (caller is not None and caller.f_code.co_filename == SOLUTION_FILENAME
                and frame.f_code.co_filename.startswith(_NUMPY_DIR)):
            self.seen.add(id(arg))
            self._check(arg, caller.f_lineno)

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


# NumPy's public submodules that NumPy loads only when first used: a banned function's namesake
# in one of them (np.ma.cov beside np.cov) is the same computation under another path. Loaded
# here, when the executor imports this module, so that every job starts with them (65 ms a job).
_LAZY_PUBLIC_SUBMODULES = ("numpy.ma", "numpy.polynomial", "numpy.fft", "numpy.linalg")  # numpy.matlib re-exports
for _module_name in _LAZY_PUBLIC_SUBMODULES:
    with contextlib.suppress(ImportError):
        importlib.import_module(_module_name)


def _ban(names: list[str]) -> tuple[bytes, ...]:
    """Make banned NumPy functions unusable by every route, not only by their public name.

    Module attributes are replaced (a clear error for `np.cov` and `getattr(np, "c" + "ov")`),
    and the Python implementation behind NumPy's array-function dispatcher gets its code
    replaced in place: `np.cov.__wrapped__`, `np.cov._implementation`, the private module's
    `cov`, and whatever `gc.get_objects()` finds all run the refusing code. The original code
    object is kept nowhere, so nothing the submission does later can bring it back. NumPy's
    other functions of the same name (`np.ma.cov`, `np.ma.corrcoef`) are refused alike. Returns
    the originals' opcodes, so a copy loaded afresh (from NumPy's files) is recognised too.
    """
    if not names:
        return ()
    fingerprints: list[bytes] = []
    for dotted in names:
        parts = dotted.split(".")
        owner: Any = np
        for part in parts[1:-1]:
            owner = getattr(owner, part, None)
        original = getattr(owner, parts[-1], None) if owner is not None else None
        namesakes = [original] if original is not None else []
        for module in list(sys.modules.values()):
            if type(module) is types.ModuleType and module.__name__.startswith("numpy"):
                member = vars(module).get(parts[-1])
                if callable(member) and all(member is not known for known in namesakes):
                    namesakes.append(member)

        def banned(*args: Any, _name: str = dotted, **kwargs: Any) -> NoReturn:
            raise BannedCallError(f"{_name} is not allowed in this challenge")

        for module in list(sys.modules.values()):
            if module is not None and module.__name__.startswith("numpy"):
                for attribute, member in list(vars(module).items()):
                    if any(member is namesake for namesake in namesakes):
                        setattr(module, attribute, banned)
        for namesake in namesakes:
            fingerprints += _poison_implementation(namesake, dotted)
    return tuple(fingerprints)


def _poison_implementation(dispatcher: Any, dotted: str) -> list[bytes]:
    """Replace the code of the Python function(s) behind `dispatcher` with code that raises; their opcodes."""
    seen: set[int] = set()
    fingerprints: list[bytes] = []
    current = dispatcher
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, types.FunctionType):
            if len(current.__code__.co_code) >= _MIN_FINGERPRINT_BYTES:
                fingerprints.append(_opcodes(current.__code__))
            current.__code__ = _refusing_code(current.__code__.co_freevars, dotted)
        current = getattr(current, "_implementation", None) or getattr(current, "__wrapped__", None)
    return fingerprints


_MIN_FINGERPRINT_BYTES = 64  # a dispatcher's one-line body is not worth recognising
_AUDITED_EVENTS = frozenset({"exec", "compile", "function.__new__", "code.__new__", "object.__setattr__"})


def _opcodes(code: types.CodeType) -> bytes:
    """The instruction sequence without arguments: the same whatever the names, constants or layout."""
    return code.co_code[::2]


def _audit_code_origins(banned_code: tuple[bytes, ...]) -> None:
    """An audit hook (which no code can remove) watching every code object the submission runs or makes.

    Two classes of evasion it closes. A banned function loaded afresh, where `_ban` cannot reach:
    NumPy's module file executed under another name (`importlib.util.spec_from_file_location`),
    its source copied through `inspect`/`open` and `exec`ed, its code taken from a `.pyc` with
    `marshal` and wrapped in `types.FunctionType`, or pasted into the solution: each code
    object that is executed, wrapped in a function or assigned to `__code__` is compared, by its
    instruction sequence, with the banned originals' (renaming variables or globals, or small
    edits, keep most of it). And code dressed as the interpreter's or NumPy's: `compile()` or
    `CodeType` under a file name of theirs would hide a loop from the line tracer and pass the
    import guard's test of who is importing, so it is refused unless the text is that file's.
    The hook and its helpers read nothing from module globals or builtins (all bound as
    defaults, so rebinding them cannot blind it), and no function of this file can be altered.
    """

    def hook(event: str, args: tuple[Any, ...], _prints: tuple[bytes, ...] = banned_code,
             _events: frozenset[str] = _AUDITED_EVENTS, _on_event: Any = _on_audit_event) -> None:
        if event in _events:
            _on_event(event, args, _prints)

    sys.addaudithook(hook)


def _on_audit_event(event: str, args: tuple[Any, ...], prints: tuple[bytes, ...], _type: Any = type,
                    _str: Any = str, _bytes: Any = bytes, _code: Any = types.CodeType,
                    _function: Any = types.FunctionType, _prefixes: tuple[str, ...] = _LIBRARY_PREFIXES,
                    _own_file: str = __file__, _check: Any = None, _match: Any = None, _is_text: Any = None,
                    _permission: Any = PermissionError) -> None:
    """What `_audit_code_origins`'s hook does with one event (helpers bound by `_bind_audit_helpers`)."""
    if event == "object.__setattr__":
        target = args[0]
        if _type(target) is _function and target.__code__.co_filename == _own_file:
            raise _permission("the sandbox's own functions cannot be changed")
        if args[1] == "__code__" and _type(args[2]) is _code:
            _check(args[2], prints)
    elif event == "compile":
        filename = args[1]
        if _type(filename) is _str and filename.startswith(_prefixes) and not _is_text(args[0], filename):
            raise _permission(f"code cannot be compiled under the file name {filename[:80]!r}: it belongs to "
                              "Python or NumPy")
    elif event == "code.__new__":
        if _type(args[1]) is _str and args[1].startswith(_prefixes):
            raise _permission("code objects cannot be made under a file name of Python's or NumPy's")
        if prints and _type(args[0]) is _bytes:
            _match(args[0][::2], prints)
    elif _type(args[0]) is _code:  # exec (and eval), function.__new__
        _check(args[0], prints)


def _check_code(code: types.CodeType, prints: tuple[bytes, ...], depth: int = 0, _type: Any = type,
                _code: Any = types.CodeType, _match: Any = None) -> None:
    """Compare a code object and every function defined in it with the banned originals."""
    if not prints or depth > 8:
        return
    _match(code.co_code[::2], prints)
    for constant in code.co_consts:
        if _type(constant) is _code:
            _check_code(constant, prints, depth + 1, _type, _code, _match)


def _match_banned(opcodes: bytes, prints: tuple[bytes, ...], _is_copy: Any = None,
                  _error: Any = BannedCallError) -> None:
    for original in prints:
        if _is_copy(opcodes, original):
            raise _error("this code is a copy of a function this challenge forbids (NumPy's own implementation, "
                         "loaded or pasted): write the computation yourself")


def _is_copy(opcodes: bytes, original: bytes, shingle: int = 4, _len: Any = len, _range: Any = range,
             _bool: Any = bool) -> bool:
    """Most of the original's runs of 4 instructions recur in `opcodes`: a copy, edited lightly or not."""
    if _len(opcodes) * 2 < _len(original) or _len(opcodes) > 4 * _len(original):
        return False
    ours = {original[i:i + shingle] for i in _range(_len(original) - shingle + 1)}
    theirs = {opcodes[i:i + shingle] for i in _range(_len(opcodes) - shingle + 1)}
    result: bool = _bool(_len(ours & theirs) >= 0.8 * _len(ours))
    return result


def _is_file_text(source: Any, filename: str, _open: Any = open, _type: Any = type, _str: Any = str,
                  _bytes: Any = bytes) -> bool:
    """Whether compiled text is the named file's own (importlib compiling a module that has no .pyc)."""
    try:
        with _open(filename, "rb") as handle:
            text = handle.read()
    except OSError:
        return False
    wanted = source.encode() if _type(source) is _str else source
    return _type(wanted) is _bytes and wanted == text


def _bind_audit_helpers() -> None:
    """Each helper gets the others as defaults, so none is looked up in this module's globals."""
    _match_banned.__kwdefaults__ = None
    _match_banned.__defaults__ = (_is_copy, BannedCallError)
    _check_code.__defaults__ = (0, type, types.CodeType, _match_banned)
    _on_audit_event.__defaults__ = (type, str, bytes, types.CodeType, types.FunctionType, _LIBRARY_PREFIXES,
                                    __file__, _check_code, _match_banned, _is_file_text, PermissionError)


_bind_audit_helpers()

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
    asked, while the harness's callback records the event. "raise" is kept. Translated where
    every route meets: NumPy's `_make_extobj`, which builds the error state for `np.errstate`
    (public, `type(np.errstate())`, or the private class), `np.seterr` and direct calls alike;
    NumPy's own code asking for silence keeps it.
    """
    quiet = ("ignore", "warn", "print", "log")
    kinds = ("all", "divide", "over", "under", "invalid")
    config = sys.modules.get("numpy._core._ufunc_config")
    original = getattr(config, "_make_extobj", None)
    if config is None or original is None:
        return
    config_file = config.__file__

    def make_extobj(*args: Any, **settings: Any) -> Any:
        frame: FrameType | None = sys._getframe(1)
        while frame is not None and frame.f_code.co_filename == config_file:  # errstate / seterr themselves
            frame = frame.f_back
        if frame is None or not _imported_by_numpy(frame):
            settings = {k: ("call" if k in kinds and v in quiet else v) for k, v in settings.items()}
        return original(*args, **settings)

    for module in list(sys.modules.values()):
        if type(module) is types.ModuleType and module.__name__.startswith("numpy"):
            for attribute, member in list(vars(module).items()):
                if member is original:
                    setattr(module, attribute, make_extobj)
    np.seterrcall(_drop_fp_error)  # "call" needs a callable outside the calls too (the code's top level)


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
    """Whether NumPy's own code is calling: its module name *and* its file (exec(..., {"__name__": "numpy.x"})
    gives any code the name; the audit hook refuses code made under NumPy's file names)."""
    module = frame.f_globals.get("__name__")
    return (type(module) is str and (module == "numpy" or module.startswith("numpy."))
            and frame.f_code.co_filename.startswith(_NUMPY_DIR))
