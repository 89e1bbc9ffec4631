"""Run untrusted NumPy submissions in isolated, resource-limited child processes.

Standard library and NumPy only: nothing here may import the web application.
"""

from sandbox.job import Call, CallOptions, Job
from sandbox.limits import CEILINGS, Limits
from sandbox.pool import QueueFullError, Sandbox, detect_isolation
from sandbox.result import CallResult, ExceptionInfo, Outcome, RunResult

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
