"""What a sandbox job returns: plain, validated data about the run and each call's output."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from sandbox import codec

Outcome = Literal[
    "ok",  # the harness ran every call and returned a well-formed result
    "runtime_error",  # the submission failed to load (syntax error, missing function, import error)
    "cpu_timeout",
    "wall_timeout",
    "memory",
    "output_limit",
    "invalid_result",
    "crash",  # killed by a signal other than the CPU limit's
    "no_result",  # exited (os._exit, killed itself) before returning a result
    "internal_error",  # our fault only
]
CallStatus = Literal["ok", "error", "timeout", "invalid"]

MAX_CALLS_PER_SAMPLE = 10_000  # the harness batches at most this many calls into one timed sample
MAX_DRAWN_ROWS = 64  # rows of an output a job may send back for checking (CallOptions.sample_drawn)
_OUTCOME_MESSAGES = {
    "cpu_timeout": "your code used more than its CPU time limit",
    "wall_timeout": "your code ran longer than the wall-clock limit",
    "memory": "your code used more memory than allowed",
    "output_limit": "your code printed too much output",
    "invalid_result": "your code returned something that is not plain data",
    "crash": "your code crashed",
    "no_result": "your code exited before returning a result",
    "internal_error": "the sandbox failed (not your fault); please try again",
}


@dataclass(frozen=True)
class ExceptionInfo:
    """An exception raised by the submission: type, capped message, its own traceback lines."""

    type: str
    ancestors: tuple[str, ...]  # the names of its classes, most derived first
    message: str
    traceback: tuple[tuple[int, str, str], ...]  # (line number, source line, function name)

    def is_a(self, name: str) -> bool:
        return name in self.ancestors or name == self.type

    @property
    def line(self) -> int | None:
        return self.traceback[-1][0] if self.traceback else None

    def summary(self) -> str:
        where = f" (line {self.line})" if self.line else ""
        return f"{self.type}: {self.message}{where}" if self.message else f"{self.type}{where}"


@dataclass(frozen=True)
class CallResult:
    """One call of the submission's function."""

    status: CallStatus
    value: Any = None
    error: ExceptionInfo | None = None
    warnings: tuple[str, ...] = ()
    lines: dict[int, int] | None = None
    tracer_intact: bool = True  # traced calls: the line tracer was still installed when the call ended
    peak_bytes: int | None = None
    seconds: tuple[float, ...] = ()  # CPU seconds per call: the first call, then one per timed sample
    calls_per_sample: int = 1  # a timed sample of a very fast function averages this many calls
    shape: tuple[int, ...] | None = None
    rows: tuple[int, ...] | None = None  # which rows of an array output `value` holds, when the job drew them
    shares_memory: tuple[bool, ...] = ()
    mutated: tuple[int, ...] = ()
    copies: tuple[tuple[int, int, int], ...] = ()  # (line, bytes, bytes of the slice it repeats): advisory


@dataclass(frozen=True)
class RunResult:
    """One job: how it ended, what each call returned, and what the kernel measured."""

    outcome: Outcome
    calls: tuple[CallResult, ...] = ()
    load_error: ExceptionInfo | None = None
    detail: str = ""
    output: str = ""
    output_truncated: bool = False
    cpu_seconds: float = 0.0
    job_cpu_seconds: float | None = None  # the job's own process only, without decoding its inputs
    job_peak_rss_bytes: int | None = None  # the job process's resident high-water mark (wait4's ru_maxrss)
    probe_seconds: tuple[float, ...] = ()  # timing jobs: a fixed probe's CPU time, every few ms while the job ran
    wall_seconds: float = 0.0
    max_rss_bytes: int = 0
    # Trusted figures for the job as a whole (every process it started), from its cgroup: cpu_seconds
    # above is the cgroup's when there was one; peak_memory_bytes is None without one.
    peak_memory_bytes: int | None = None
    accounting: str = ""  # "cgroup v1", "cgroup v2", or "per process (no cgroup)"
    exit_code: int | None = None
    signal: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        """A sentence a candidate understands."""
        if self.outcome == "ok":
            return "ran to completion"
        if self.outcome == "runtime_error" and self.load_error:
            return self.load_error.summary()
        base = _OUTCOME_MESSAGES.get(self.outcome, self.outcome)
        if self.outcome == "crash" and self.signal:
            base += f" ({self.signal})"
        return f"{base}: {self.detail}" if self.detail else base

    def as_dict(self) -> dict[str, Any]:
        """JSON-friendly view (values of calls are summarised by type, not dumped)."""
        return {
            "outcome": self.outcome,
            "message": self.message,
            "detail": self.detail,
            "load_error": _exception_dict(self.load_error),
            "calls": [
                {
                    "status": call.status,
                    "value": _jsonable(call.value),
                    "error": _exception_dict(call.error),
                    "warnings": list(call.warnings),
                    "seconds": list(call.seconds),
                }
                for call in self.calls
            ],
            "output": self.output,
            "output_truncated": self.output_truncated,
            "cpu_seconds": self.cpu_seconds,
            "job_cpu_seconds": self.job_cpu_seconds,
            "wall_seconds": self.wall_seconds,
            "max_rss_bytes": self.max_rss_bytes,
            "peak_memory_bytes": self.peak_memory_bytes,
            "accounting": self.accounting,
            "exit_code": self.exit_code,
            "signal": self.signal,
        }


def _exception_dict(info: ExceptionInfo | None) -> dict[str, Any] | None:
    if info is None:
        return None
    return {"type": info.type, "message": info.message, "line": info.line,
            "traceback": [list(frame) for frame in info.traceback]}


def _jsonable(value: Any) -> Any:
    import numpy as np

    if isinstance(value, np.ndarray):
        return {"ndarray": value.tolist() if value.size <= 1000 else f"<{value.shape} {value.dtype}>",
                "dtype": str(value.dtype), "shape": list(value.shape)}
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, complex):
        return [value.real, value.imag]
    if isinstance(value, bytes):
        return value.hex()
    return value


class MalformedResultError(ValueError):
    """The result frame decoded, but its structure is not what the harness writes."""


def parse_report(frame: bytes | bytearray, *, max_bytes: int) -> tuple[ExceptionInfo | None, tuple[CallResult, ...]]:
    """Validate the harness's report field by field; the bytes came from untrusted code.

    Whatever goes wrong reading them is the job's invalid result, never our exception: the
    checks below are meant to catch everything, and anything they miss still ends here.
    """
    try:
        return _parse_report(frame, max_bytes=max_bytes)
    except (MalformedResultError, codec.DecodeError):
        raise
    except Exception as exc:  # hostile bytes: a case the checks missed is still an invalid result
        raise MalformedResultError(f"the result is malformed ({type(exc).__name__})") from None


def _parse_report(frame: bytes | bytearray, *, max_bytes: int) -> tuple[ExceptionInfo | None, tuple[CallResult, ...]]:
    report = codec.decode(frame, max_bytes=max_bytes)
    if type(report) is not dict:
        raise MalformedResultError("report is not a dict")
    if "frame_error" in report:
        raise MalformedResultError(_text(report["frame_error"]))
    load_error = _exception(report.get("load_error"))
    calls = report.get("calls")
    if type(calls) is not list:
        raise MalformedResultError("calls is not a list")
    return load_error, tuple(_call(raw, max_bytes) for raw in calls)


def _call(raw: Any, max_bytes: int) -> CallResult:
    if type(raw) is not dict:
        raise MalformedResultError("call result is not a dict")
    status = raw.get("status")
    if status not in ("ok", "error", "timeout", "invalid"):
        raise MalformedResultError("call status is invalid")
    value = None
    if status == "ok":
        encoded = raw.get("value")
        if type(encoded) is not bytes:
            raise MalformedResultError("call value is missing")
        value = codec.decode(encoded, max_bytes=max_bytes)
    lines = raw.get("lines")
    if lines is not None and (type(lines) is not dict or not all(
        type(k) is int and type(v) is int for k, v in lines.items()
    )):
        raise MalformedResultError("line counts are malformed")
    return CallResult(
        status=status,
        value=value,
        error=_exception(raw.get("error")),
        warnings=tuple(_text(w) for w in _list(raw.get("warnings", [])))[:20],
        lines=lines,
        tracer_intact=raw.get("tracer_intact", True) is True,
        peak_bytes=_int_or_none(raw.get("peak_bytes")),
        seconds=tuple(float(s) for s in _list(raw.get("seconds", [])) if type(s) is float),
        calls_per_sample=_count(raw.get("calls_per_sample", 1)),
        shape=tuple(_int(s) for s in _list(raw["shape"])) if raw.get("shape") is not None else None,
        rows=tuple(_int(r) for r in _list(raw["rows"])[:MAX_DRAWN_ROWS]) if raw.get("rows") is not None else None,
        shares_memory=tuple(bool(s) for s in _list(raw.get("shares_memory", []))),
        mutated=tuple(int(i) for i in _list(raw.get("mutated", [])) if type(i) is int),
        copies=tuple((c[0], c[1], c[2]) for c in _list(raw.get("copies", []))[:20]
                     if type(c) is list and len(c) == 3 and all(type(n) is int for n in c)),
    )


def _count(raw: Any) -> int:
    if type(raw) is not int or not 1 <= raw <= MAX_CALLS_PER_SAMPLE:
        raise MalformedResultError("calls per sample is malformed")
    return raw


def _exception(raw: Any) -> ExceptionInfo | None:
    if raw is None:
        return None
    if type(raw) is not dict:
        raise MalformedResultError("exception is not a dict")
    frames = []
    for frame in _list(raw.get("traceback", []))[:40]:
        if type(frame) is not list or len(frame) != 3 or type(frame[0]) is not int:
            raise MalformedResultError("traceback frame is malformed")
        frames.append((frame[0], _text(frame[1])[:200], _text(frame[2])[:100]))
    return ExceptionInfo(
        type=_text(raw.get("type"))[:100] or "Exception",
        ancestors=tuple(_text(name)[:100] for name in _list(raw.get("mro", []))[:30]),
        message=_text(raw.get("message"))[:2100],
        traceback=tuple(frames),
    )


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise MalformedResultError("expected a list")
    return value


def _text(value: Any) -> str:
    if type(value) is not str:
        raise MalformedResultError("expected a string")
    return value


def _int_or_none(value: Any) -> int | None:
    return None if value is None else _int(value)


def _int(value: Any) -> int:
    if type(value) is not int:
        raise MalformedResultError("expected an integer")
    return value
