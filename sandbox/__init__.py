"""Run untrusted NumPy submissions in isolated, resource-limited child processes.

Standard library and NumPy only: nothing here may import the web application.
"""

from sandbox.blas import pin_kernels

pin_kernels()  # first: OpenBLAS reads it when NumPy is loaded (the imports below load it)

from sandbox.job import Call, CallOptions, Job  # noqa: E402
from sandbox.limits import CEILINGS, Limits  # noqa: E402
from sandbox.pool import QueueFullError, Sandbox, detect_isolation  # noqa: E402
from sandbox.result import CallResult, ExceptionInfo, Outcome, RunResult  # noqa: E402

__all__ = [
    "CEILINGS",
    "Call",
    "CallOptions",
    "CallResult",
    "ExceptionInfo",
    "Job",
    "Limits",
    "Outcome",
    "QueueFullError",
    "RunResult",
    "Sandbox",
    "detect_isolation",
]
