"""The challenge format's public vocabulary: what a challenge's `tests.py` imports.

A leaf module (standard library only) so that the catalog, the grader and every
`challenges/<id>/tests.py` can import it without importing each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

# A custom checker gets (expected, actual, case) and returns None when the output is
# right, or a one-line message saying what is wrong. It runs in the trusted grader.
Checker = Callable[[Any, Any, "Case"], "str | None"]

# The five things an interviewer grades, in the order they are shown.
CRITERIA = ("vectorization", "numerical_stability", "axis_awareness", "broadcasting", "memory_efficiency")
Criterion = Literal["vectorization", "numerical_stability", "axis_awareness", "broadcasting", "memory_efficiency"]

# A run grades the visible examples only; a submit every test, the rubric and the timing.
Mode = Literal["run", "submit"]

CATEGORIES = frozenset(
    {"example", "basic", "edge", "random", "axis", "stability", "broadcasting", "memory", "timing"}
)


@dataclass(frozen=True)
class Case:
    """One call of the candidate's function, and how its output is judged.

    Inputs are plain data (NumPy arrays, Python scalars, lists/tuples/dicts of those) so
    they can cross into the sandbox. The expected output never does: the grader computes
    it from the reference solution outside the sandbox (or takes `expected` when given).
    """

    name: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any] = field(default_factory=dict)
    category: str = "basic"
    visible: bool = False
    # The exception type name a correct solution raises for this input, e.g. "ValueError".
    raises: str | None = None
    rtol: float | None = None
    atol: float | None = None
    # Optional explicit expected output (hand-worked examples); else the reference's.
    expected: Any = None
    check: Checker | None = None
    # For huge outputs: only these leading-axis rows travel back from the sandbox.
    sample_rows: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"case {self.name!r}: unknown category {self.category!r}")
        if not isinstance(self.args, tuple):
            raise TypeError(f"case {self.name!r}: args must be a tuple")


@dataclass(frozen=True)
class SizedInput:
    """Inputs of a given size, for timing and for detecting loops that grow with the data."""

    args: tuple[Any, ...]
    kwargs: dict[str, Any] = field(default_factory=dict)
    key: str | None = None  # names these exact inputs for as long as they live (the sandbox sends them once)
