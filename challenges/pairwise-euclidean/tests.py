"""Cases for pairwise-euclidean: worked examples, non-square shapes, identical rows
(including large-norm ones that turn an unclipped expansion into NaN), and the memory probe."""

import numpy as np

from app.cases import Case, SizedInput
from app.grading.compare import compare_outputs

RTOL, ATOL = 1e-6, 1e-8


def _check_distances(expected, actual, case):
    """Plain allclose, except that a pair of identical rows only has to be within
    1e-6 * max(1, norm of the row) of 0 (the catalog's tolerance for the expansion),
    and that no distance may be NaN or negative."""
    if not isinstance(actual, np.ndarray) or actual.shape != expected.shape or actual.dtype.kind != "f":
        return compare_outputs(expected, actual, rtol=RTOL, atol=ATOL)
    if np.isnan(actual).any():
        i, j = (int(v) for v in np.argwhere(np.isnan(actual))[0])
        return (
            f"{int(np.isnan(actual).sum())} distances are NaN (first at ({i}, {j})): a squared distance "
            "that should be 0 came out as a tiny negative; clip it at 0 before the square root"
        )
    if (actual < 0).any():
        i, j = (int(v) for v in np.argwhere(actual < 0)[0])
        return f"distance at ({i}, {j}) is negative ({actual[i, j]:.3g}); a distance is never below 0"
    A, B = (np.asarray(x, dtype=np.float64) for x in case.args)
    same = (A[:, None, :] == B[None, :, :]).all(axis=-1)
    bound = 1e-6 * np.maximum(1.0, np.linalg.norm(A, axis=1))[:, None]
    too_far = same & (actual > bound)
    if too_far.any():
        i, j = (int(v) for v in np.argwhere(too_far)[0])
        return (
            f"A[{i}] and B[{j}] are identical but their distance is {actual[i, j]:.3g}, "
            f"more than the allowed {bound[i, 0]:.3g}"
        )
    return compare_outputs(np.where(same, 0.0, expected), np.where(same, 0.0, actual), rtol=RTOL, atol=ATOL)


def _case(name, A, B, **fields):
    return Case(name, args=(A, B), check=_check_distances, **fields)


def _large_norm_duplicates(rng):
    # Rows of norm ~1e5 sharing a common offset, and B holds a shuffled copy of every row of A:
    # ||a||^2 + ||a||^2 - 2 a.a then cancels ~1e10 down to a few ULPs, often below 0.
    A = rng.normal(size=(12, 24)) * 3e3 + rng.normal(size=(12, 1)) * 1e4
    B = np.concatenate([A[rng.permutation(12)], rng.normal(size=(3, 24)) * 1e4])
    return A, B


def cases() -> list[Case]:
    rng = np.random.default_rng(20260601)
    same = rng.normal(size=(10, 6))
    return [
        _case(
            "two points against three",
            np.array([[0.0, 0.0], [3.0, 4.0]]),
            np.array([[0.0, 0.0], [6.0, 8.0], [3.0, 0.0]]),
            visible=True,
            category="example",
            expected=np.array([[0.0, 10.0, 3.0], [5.0, 5.0, 4.0]]),
        ),
        _case(
            "one row against itself and a shifted copy",
            np.array([[1.0, 2.0, 3.0]]),
            np.array([[1.0, 2.0, 3.0], [2.0, 3.0, 4.0]]),
            visible=True,
            category="example",
        ),
        _case("single row each", rng.normal(size=(1, 5)), rng.normal(size=(1, 5)), category="edge"),
        _case("d = 1 (points on a line)", rng.normal(size=(4, 1)), rng.normal(size=(6, 1)), category="edge"),
        _case(
            "zero vectors", np.zeros((3, 4)), np.vstack([np.zeros((1, 4)), rng.normal(size=(2, 4))]), category="edge"
        ),
        _case("m=3, n=7, d=5 (non-square)", rng.normal(size=(3, 5)), rng.normal(size=(7, 5)), category="axis"),
        _case("m=7, n=3, d=2 (non-square)", rng.normal(size=(7, 2)), rng.normal(size=(3, 2)), category="axis"),
        _case("A against a copy of itself (zero diagonal)", same, same.copy(), category="basic"),
        _case("large-norm duplicate rows (norm ~1e5)", *_large_norm_duplicates(rng), category="stability"),
        _case(
            "integer-valued points",
            rng.integers(-5, 6, size=(6, 3)).astype(np.float64),
            rng.integers(-5, 6, size=(8, 3)).astype(np.float64),
            category="basic",
        ),
        _case("random 40 x 30 in 16-D", rng.normal(size=(40, 16)), rng.normal(size=(30, 16)), category="random"),
        _case(
            "random 25 x 60 in 8-D, offset 100",
            100.0 + rng.normal(size=(25, 8)),
            100.0 + rng.normal(size=(60, 8)),
            category="random",
        ),
    ]


def memory_probe() -> Case:
    """m = n = 2000 points in 256-D: the (m, n, d) difference array alone would take ~8 GB."""
    rng = np.random.default_rng(20260602)
    return Case(
        "memory probe: 2000 x 2000 x 256",
        args=(rng.normal(size=(2000, 256)), rng.normal(size=(2000, 256))),
        category="memory",
        sample_rows=(0, 1, 777, 1500, 1999),
    )


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n query points against 32 fixed points in 16-D: the work grows linearly with n."""
    return SizedInput(args=(rng.normal(size=(n, 16)), rng.normal(size=(32, 16))))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n x n rows of n features: a loop over A's rows, B's rows or the features all grow with n."""
    return SizedInput(args=(rng.normal(size=(n, n)), rng.normal(size=(n, n))))
