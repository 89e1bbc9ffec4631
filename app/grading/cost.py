"""Vectorization evidence the submission cannot suppress: what its calls cost, against the reference's.

Line events are counted inside the submission's own process, so code can stop the tracer,
hide its loop in another thread or under another file name, or loop inside C (`map`,
`functools.reduce`, `collections.Counter`, `np.fromiter`, `sorted(key=...)` over Python
callables). None of that makes the work cheaper: the timing jobs measure each call's CPU
time, cross-checked with the CPU time the kernel accounted to the whole job (every thread,
every child), on inputs the candidate cannot key a cache on. A solution tens of times slower
than the reference, or whose cost grows much faster, does not vectorize, whatever the tracer
saw; the feedback names the construct when the source shows one.
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass

from app.grading.feedback import feedback
from app.grading.report import FeedbackItem, Rating
from app.grading.timing import SolutionTiming, growth_exponent

CONSTRUCT_RATIO = 6.0  # a loop in disguise in the source, and this many times slower at some size (map: 9-15x)
SLOW_RATIO = 20.0  # no construct, but tens of times slower: it costs what a Python loop would
GROWTH_EXCESS = 0.6  # log-log slope this much steeper than the reference's...
GROWTH_RATIO = 5.0  # ...and this many times slower: the cost grows like a loop's
# What a Python-level loop hides behind, by the name it is called with (resolved through imports).
CONSTRUCTS = {
    "map": "map() over a Python function",
    "filter": "filter() over a Python function",
    "reduce": "functools.reduce",
    "Counter": "collections.Counter",
    "fromiter": "np.fromiter",
    "sorted": "sorted() with a Python key",
    "min": "min() with a Python key",
    "max": "max() with a Python key",
    "vectorize": "np.vectorize",
    "frompyfunc": "np.frompyfunc",
    "apply_along_axis": "np.apply_along_axis",
    "apply_over_axes": "np.apply_over_axes",
    "Thread": "a thread",
    "ThreadPoolExecutor": "a thread pool",
    "start_new_thread": "a thread",
    "Process": "a child process",
    "fork": "a child process",
    "Pool": "a process pool",
    "ProcessPoolExecutor": "a process pool",
    "starmap": "itertools.starmap",
    "exec": "code run through exec()",
    "eval": "code run through eval()",
    "compile": "code compiled at run time",
    "FunctionType": "a function built at run time",
    "accumulate": "itertools.accumulate",
}


@dataclass(frozen=True)
class CostEvidence:
    """The timing of an accepted submission and of the reference, size by size (for the rubric)."""

    sizes: tuple[int, ...]
    candidate: SolutionTiming
    reference: SolutionTiming

    def slowest_shared(self) -> tuple[int, float, float] | None:
        """(size, candidate seconds, reference seconds) where the candidate was slowest against the reference.

        Not only the largest size: a reference that turns memory-bound there narrows the gap
        (a map() over math.exp was 14x slower at 1,000 rows and 6x at 100,000).
        """
        shared = [(size, c, r) for size, c, r in zip(self.sizes, self.candidate.seconds, self.reference.seconds,
                                                   strict=False) if c and r]
        return max(shared, key=lambda row: row[1] / row[2]) if shared else None

    def exponents(self) -> tuple[float, float] | None:
        """Growth exponents (log-log slopes) of candidate and reference over the sizes both ran."""
        shared = [(size, c, r) for size, c, r in zip(self.sizes, self.candidate.seconds, self.reference.seconds,
                                                   strict=False) if c and r]
        if len(shared) < 2:
            return None
        candidate = growth_exponent([s for s, _, _ in shared], [c for _, c, _ in shared])
        reference = growth_exponent([s for s, _, _ in shared], [r for _, _, r in shared])
        return (candidate, reference) if candidate is not None and reference is not None else None


def cost_finding(cost: CostEvidence | None, tree: ast.Module, *,
                 memory_explains: bool = False) -> tuple[Rating, FeedbackItem] | None:
    """A vectorization rating read from what the calls cost, or None when the cost is in line.

    A loop in disguise the source shows (map, reduce, Counter, a thread, exec...) and calls
    CONSTRUCT_RATIO times slower than the reference: fail. No such construct, but tens of
    times slower (SLOW_RATIO), or slower and growing much faster: warn, saying plainly the time
    grows like a Python loop's (a vectorized but wasteful formulation lands here too: a one-hot
    matrix product for a confusion matrix ran 100-170x slower than bincount). A solution that
    builds a much larger temporary than the reference is slow too (an (n, m, d) difference, a
    copied window matrix): when the memory evidence shows that (`memory_explains`) and no
    construct, the slowness belongs to the memory criteria, which say so.
    """
    if cost is None:
        return None
    timing = cost.candidate
    if timing.wrong_output is not None:
        return "fail", feedback("vectorization.skipped-work", detail=timing.wrong_output.removeprefix("not timed: "))
    construct = _construct(tree)
    if memory_explains and construct is None:
        return None
    rating: Rating = "fail" if construct is not None else "warn"
    line = construct[1] if construct else None
    if timing.too_slow_from is not None and _reference_timed_at(cost, timing.too_slow_from):
        return rating, feedback("vectorization.slow-growth", line=line, cause=_cause(construct),
                                advice=_advice(construct), comparison=(
            f"at size {timing.too_slow_from} a timing job ran past its time limit, where a call of the reference "
            f"takes {_ms(_reference_at(cost, timing.too_slow_from))}"))
    shared = cost.slowest_shared()
    if shared is None:
        return None
    size, candidate, reference = shared
    ratio = candidate / reference
    exponents = cost.exponents()
    steeper = exponents is not None and exponents[0] - exponents[1] >= GROWTH_EXCESS
    slow = ratio >= (CONSTRUCT_RATIO if construct is not None else SLOW_RATIO)
    if not slow and not (steeper and ratio >= GROWTH_RATIO):
        return None
    comparison = f"at size {size} a call took {_ms(candidate)} against the reference's {_ms(reference)} ({ratio:.0f}x)"
    if steeper and exponents is not None:
        comparison += f", and its time grows like size^{exponents[0]:.2f} against the reference's ^{exponents[1]:.2f}"
    return rating, feedback("vectorization.slow-growth", line=line, cause=_cause(construct),
                            advice=_advice(construct), comparison=comparison)


def _reference_timed_at(cost: CostEvidence, size: int) -> bool:
    return _reference_at(cost, size) is not None


def _reference_at(cost: CostEvidence, size: int) -> float | None:
    for known, seconds in zip(cost.sizes, cost.reference.seconds, strict=False):
        if known == size:
            return seconds
    return None


def _ms(seconds: float | None) -> str:
    if seconds is None or math.isnan(seconds):
        return "an unknown time"
    return f"{seconds * 1e3:.3g} ms"


def _cause(construct: tuple[str, int] | None) -> str:
    if construct is None:
        return "Your function is far slower than the reference"
    return f"The work runs one Python call at a time inside {construct[0]} (line {construct[1]})"


def _advice(construct: tuple[str, int] | None) -> str:
    """What to do: a named construct is a loop in disguise; without one, the cost alone cannot say which."""
    if construct is not None:
        return ("Whatever the loop is hidden in, the data is walked one element at a time in Python; express the "
                "work as whole-array operations (broadcasting, reductions with axis=, matrix products).")
    return ("Either a Python loop is hidden somewhere, or the algorithm does far more work than the answer needs "
            "(a full sort where a partition would do, an n x n intermediate, a dense matrix where a gather or a "
            "bincount would do): find the step whose cost grows fastest with the data.")


def _construct(tree: ast.Module) -> tuple[str, int] | None:
    """The first call of a loop in disguise, by the name it is bound to (`from x import y as z` resolved)."""
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                aliases[alias.asname or alias.name] = alias.name
    for node in sorted((n for n in ast.walk(tree) if isinstance(n, ast.Call)), key=lambda n: (n.lineno, n.col_offset)):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
        if name is None:
            continue
        name = aliases.get(name, name)
        if name in ("sorted", "min", "max") and not any(keyword.arg == "key" for keyword in node.keywords):
            continue
        if name in CONSTRUCTS:
            return CONSTRUCTS[name], node.lineno
    return None
