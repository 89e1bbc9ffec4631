"""Cases for segment-sum: unsorted and repeated ids, empty segments at either end, 2-D values,
integer sums that must stay exact, and ids out of range."""

from typing import Any

import numpy as np

from app.cases import Case, SizedInput
from app.grading.compare import compare_outputs

RTOL, ATOL = 1e-6, 1e-8


def check_sums(expected: np.ndarray, actual: object, case: Case) -> str | None:
    """Float sums within the tolerance; integer sums exact, in whatever numeric dtype holds them.

    Python compares an int with a float exactly, so a float64 that rounded 2**53 + 1 to 2**53
    is caught here, where numpy's own comparison would cast both to float64 and miss it.
    """
    if expected.dtype.kind == "f" or not isinstance(actual, np.ndarray) or actual.shape != expected.shape:
        return compare_outputs(expected, actual, rtol=RTOL, atol=ATOL, reveal=case.visible)
    if actual.dtype.kind not in "iuf":
        return f"expected numbers, got dtype {actual.dtype}"
    want, got = expected.ravel().tolist(), actual.ravel().tolist()
    wrong = [i for i, (a, b) in enumerate(zip(want, got, strict=True)) if a != b]
    if not wrong:
        return None
    index = tuple(int(i) for i in np.unravel_index(wrong[0], expected.shape))
    detail = f": expected {want[wrong[0]]}, got {got[wrong[0]]!r}" if case.visible else ""
    return (f"{len(wrong)} of {expected.size} integer sums are not exact; first at index {index}{detail} "
            f"(your result has dtype {actual.dtype}: a narrow integer dtype overflows, and float64 cannot hold "
            "every integer above 2**53; add integers up in int64)")


def _case(name: str, values: np.ndarray, ids: list[int] | np.ndarray, num_segments: int, **fields: Any) -> Case:
    fields.setdefault("check", None if fields.get("raises") else check_sums)
    return Case(name, args=(values, np.asarray(ids, dtype=np.int64), num_segments), **fields)


def cases() -> list[Case]:
    rng = np.random.default_rng(20261203)
    big = np.array([2**53 + 1, 2**60 + 3, 5, 2**53 + 1, -(2**55) + 7, 1], dtype=np.int64)
    narrow = np.array([100, 100, 100, -100, -100, 27, 120], dtype=np.int8)
    perm = rng.permutation(12)
    return [
        _case("five values into three segments", np.array([1.0, 2.0, 3.0, 4.0, 5.0]), [0, 2, 0, 1, 2], 3,
              visible=True, category="example", expected=np.array([4.0, 4.0, 7.0])),
        _case("segments with no values sum to 0", np.array([1.0, 2.0, 3.0]), [3, 0, 3], 4, visible=True,
              category="example", expected=np.array([2.0, 0.0, 0.0, 4.0])),
        _case("an id equal to num_segments raises", np.array([1.0, 2.0]), [0, 3], 3, visible=True,
              category="example", raises="ValueError"),
        _case("a negative id raises", np.array([1.0, 2.0, 3.0]), [0, -1, 1], 3, category="edge", raises="ValueError"),
        _case("repeated ids all add up", np.array([1.0, 1.0, 1.0, 1.0, 2.5]), [1, 1, 1, 1, 0], 2, category="basic"),
        _case("unsorted ids", rng.normal(size=10), [4, 0, 3, 0, 4, 1, 2, 2, 4, 1], 5, category="basic"),
        _case("the first segment is empty", np.array([1.0, 2.0, 3.0]), [1, 2, 1], 3, category="edge"),
        _case("the last segment is empty", np.array([1.0, 2.0, 3.0]), [0, 1, 0], 3, category="edge"),
        _case("empty segments at both ends and in the middle", rng.normal(size=6), [2, 4, 2, 4, 5, 2], 8,
              category="edge"),
        _case("one segment takes everything", rng.normal(size=7), [0] * 7, 1, category="edge"),
        _case("every value in a segment of its own", rng.normal(size=12), perm, 12, category="edge"),
        _case("integer values give exact integer sums", np.array([3, -1, 4, 1, -5, 9, 2]), [1, 0, 1, 2, 0, 1, 2], 3,
              category="edge"),
        _case("int8 values whose sums overflow int8", narrow, [0, 0, 0, 1, 1, 1, 2], 3, category="edge"),
        _case("int64 values above 2**53", big, [0, 1, 2, 0, 1, 2], 3, category="edge"),
        _case("no values (n == 0)", np.zeros(0), [], 4, category="edge"),
        _case("no values, 2-D (n == 0, d == 3)", np.zeros((0, 3)), [], 2, category="edge"),
        _case("int32 ids", rng.normal(size=8), np.array([1, 0, 1, 0, 2, 2, 1, 0], dtype=np.int32), 3,
              category="edge"),
        _case("2-D values", rng.normal(size=(9, 3)), [2, 0, 1, 1, 0, 2, 2, 0, 1], 4, category="axis"),
        _case("2-D values, more columns than rows", rng.normal(size=(3, 7)), [1, 1, 0], 2, category="axis"),
        _case("2-D integer values", rng.integers(-50, 50, size=(10, 2)), rng.integers(0, 4, size=10), 4,
              category="axis"),
        _case("random 5000 values into 300 segments", rng.normal(size=5000), rng.integers(0, 300, size=5000), 300,
              category="random"),
        _case("random 2000 x 4 values into 50 segments", rng.normal(size=(2000, 4)), rng.integers(0, 50, size=2000),
              50, category="random"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n float values into n // 8 segments, ids unsorted."""
    segments = max(1, n // 8)
    return SizedInput(args=(rng.normal(size=n), rng.integers(0, segments, size=n), segments))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """4n values into n segments: a loop over values or over segments grows with n."""
    return SizedInput(args=(rng.normal(size=4 * n), rng.integers(0, n, size=4 * n), n))
