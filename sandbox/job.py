"""What the caller asks the sandbox to run: a submission and the calls to make of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sandbox import codec


@dataclass(frozen=True)
class CallOptions:
    """Per-call measurements, each made in the job only when asked for (they cost time)."""

    trace_lines: bool = False
    measure_memory: bool = False
    time_repeats: int = 0  # further timed calls after the first; the first is the warm-up
    time_budget_seconds: float = 0.2  # stop repeating (after the minimum) once this much CPU time is spent
    time_min_repeats: int = 3
    cpu_seconds: float = 0.0  # per-call CPU budget inside the job; 0 means only the job's limit
    sample_rows: tuple[int, ...] | None = None
    sample_drawn: int = 0  # send back only this many rows of an array output, drawn by the job after the call
    discard_value: bool = False  # send no output back (timing, tracing): only the measurements
    find_copies: bool = False  # report arrays the code assigns that only repeat a smaller one (broadcasting)
    # Report arguments the call changed in place (the tests fail such code). Off for timing: the copy
    # and compare cost 33 ms per call on csr-matvec's 10^6-row inputs, and nothing reads them there.
    check_mutation: bool = True

    def as_dict(self) -> dict[str, Any]:
        options: dict[str, Any] = {
            "trace_lines": self.trace_lines,
            "measure_memory": self.measure_memory,
            "time_repeats": self.time_repeats,
            "time_budget_seconds": float(self.time_budget_seconds),
            "time_min_repeats": self.time_min_repeats,
            "cpu_seconds": float(self.cpu_seconds),
            "discard_value": self.discard_value,
            "find_copies": self.find_copies,
            "check_mutation": self.check_mutation,
        }
        if self.sample_rows is not None:
            options["sample_rows"] = list(self.sample_rows)
        if self.sample_drawn:
            options["sample_drawn"] = self.sample_drawn
        return options


@dataclass(frozen=True)
class Call:
    """One call of the submission's function with these inputs (plain data only)."""

    args: tuple[Any, ...]
    kwargs: dict[str, Any] = field(default_factory=dict)
    options: CallOptions = CallOptions()


@dataclass(frozen=True)
class Job:
    """Code, the name of the function to call, the calls, and the NumPy names it may not use."""

    code: str
    function: str
    calls: tuple[Call, ...]
    banned: tuple[str, ...] = ()
    # A timing job: it runs on this CPU only (every solution measured on the same core), on the
    # pool's timing executor, with the probe beside it (see sandbox.executor._wait_probing).
    cpu: int | None = None
    # A job that keeps off this CPU (the timing CPU), so it can run while a timing job runs there.
    spare_cpu: int | None = None
    # Jobs with the same key promise the same inputs (every call's args and kwargs): each
    # executor then receives them once and keeps them (see sandbox.input_cache).
    inputs_key: str | None = None

    def encode_parts(self) -> codec.Parts:
        """Everything but the inputs, which travel in a frame of their own (encode_inputs_parts)."""
        return codec.encode_parts(
            {
                "code": self.code,
                "function": self.function,
                "banned": list(self.banned),
                "cpu": self.cpu,
                "spare_cpu": self.spare_cpu,
                "calls": [{"options": call.options.as_dict()} for call in self.calls],
            }
        )

    def encode_inputs_parts(self) -> codec.Parts:
        return codec.encode_parts([{"args": list(call.args), "kwargs": dict(call.kwargs)} for call in self.calls])
