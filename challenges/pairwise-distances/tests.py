"""Cases for pairwise-distances: the three metrics, n == 1, duplicate and zero rows (also at
large norm), the unknown-metric error, and a custom check for exact symmetry and diagonal."""

import numpy as np

from app.cases import Case, SizedInput
from app.grading.compare import compare_outputs

RTOL, ATOL = 1e-6, 1e-8
HALF_ROOT2 = 0.7071067811865476


def _metric(case):
    return case.args[1] if len(case.args) > 1 else case.kwargs.get("metric", "euclidean")


def _check_distance_matrix(expected, actual, case):
    """Exact symmetry and an exactly zero diagonal first, then duplicate rows within
    1e-6 * max(1, norm of the row) of 0, then allclose on every other entry."""
    if not isinstance(actual, np.ndarray) or actual.shape != expected.shape or actual.dtype.kind != "f":
        return compare_outputs(expected, actual, rtol=RTOL, atol=ATOL)
    if np.isnan(actual).any():
        i, j = (int(v) for v in np.argwhere(np.isnan(actual))[0])
        return (
            f"{int(np.isnan(actual).sum())} distances are NaN (first at ({i}, {j})): clip squared distances "
            "at 0 before the square root, and floor norms before dividing"
        )
    diagonal = np.diagonal(actual)
    if (diagonal != 0).any():
        i = int(np.flatnonzero(diagonal != 0)[0])
        return (
            f"the diagonal must be exactly 0, but D[{i}, {i}] = {float(diagonal[i])!r}; "
            "set it explicitly, e.g. np.fill_diagonal(D, 0.0)"
        )
    if not np.array_equal(actual, actual.T):
        i, j = (int(v) for v in np.argwhere(actual != actual.T)[0])
        return (
            f"the result must be exactly symmetric, but D[{i}, {j}] = {float(actual[i, j])!r} and "
            f"D[{j}, {i}] = {float(actual[j, i])!r}; compute one triangle and mirror it, or average D with D.T"
        )
    X = np.asarray(case.args[0], dtype=np.float64)
    metric = _metric(case)
    same = (X[:, None, :] == X[None, :, :]).all(axis=-1)
    if metric == "cosine":
        # Two zero rows: cosine-distances says 1, "duplicates give 0" says 0. No case has
        # two zero rows under cosine; if one ever does, the reference value decides.
        same &= (X != 0).any(axis=1)[:, None]
        norms = np.ones(len(X))
    else:
        norms = np.linalg.norm(X, ord=1 if metric == "manhattan" else 2, axis=1)
    bound = 1e-6 * np.maximum(1.0, norms)[:, None]
    too_far = same & (np.abs(actual) > bound)
    if too_far.any():
        i, j = (int(v) for v in np.argwhere(too_far)[0])
        return (
            f"rows {i} and {j} are identical but their distance is {actual[i, j]:.3g}, "
            f"more than the allowed {bound[i, 0]:.3g}"
        )
    return compare_outputs(np.where(same, 0.0, expected), np.where(same, 0.0, actual), rtol=RTOL, atol=ATOL)


def _case(name, X, metric=None, **fields):
    kwargs = {} if metric is None else {"metric": metric}
    return Case(name, args=(X,), kwargs=kwargs, check=_check_distance_matrix, **fields)


def _with_duplicates(rng, rows, d, scale=1.0):
    base = rng.normal(size=(rows, d)) * scale
    return np.concatenate([base, base[rng.permutation(rows)[: rows // 2]]])[rng.permutation(rows + rows // 2)]


def _large_norm_duplicates(rng):
    # Norms ~1e5: the expansion cancels ~1e10 down to a few ULPs for each duplicated pair,
    # which often lands below 0, and sqrt of that is NaN.
    base = rng.normal(size=(12, 24)) * 3e3 + rng.normal(size=(12, 1)) * 1e4
    return np.concatenate([base, base])[rng.permutation(24)]


def cases() -> list[Case]:
    rng = np.random.default_rng(20260631)
    line = np.array([[0.0, 0.0], [3.0, 4.0], [6.0, 8.0]])
    zero_row = rng.normal(size=(6, 3))
    zero_row[2] = 0.0
    return [
        _case(
            "three points, euclidean",
            line,
            "euclidean",
            visible=True,
            category="example",
            expected=np.array([[0.0, 5.0, 10.0], [5.0, 0.0, 5.0], [10.0, 5.0, 0.0]]),
        ),
        _case(
            "three points, manhattan",
            line,
            "manhattan",
            visible=True,
            category="example",
            expected=np.array([[0.0, 7.0, 14.0], [7.0, 0.0, 7.0], [14.0, 7.0, 0.0]]),
        ),
        _case(
            "three directions, cosine",
            np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]]),
            "cosine",
            visible=True,
            category="example",
            expected=np.array(
                [[0.0, 1.0, 1.0 - HALF_ROOT2], [1.0, 0.0, 1.0 - HALF_ROOT2], [1.0 - HALF_ROOT2, 1.0 - HALF_ROOT2, 0.0]]
            ),
        ),
        _case("metric left at its default (euclidean)", rng.normal(size=(5, 3)), category="basic"),
        _case("n == 1, euclidean", rng.normal(size=(1, 4)), "euclidean", category="edge"),
        _case("n == 1, manhattan", rng.normal(size=(1, 4)), "manhattan", category="edge"),
        _case("n == 1, zero row, cosine", np.zeros((1, 3)), "cosine", category="edge"),
        _case("duplicate rows, euclidean", _with_duplicates(rng, 8, 5), "euclidean", category="edge"),
        _case("duplicate rows, manhattan", _with_duplicates(rng, 8, 5), "manhattan", category="edge"),
        _case("duplicate rows, cosine", _with_duplicates(rng, 8, 5), "cosine", category="edge"),
        _case("large-norm duplicate rows, euclidean", _large_norm_duplicates(rng), "euclidean", category="stability"),
        _case("zero row, cosine", zero_row, "cosine", category="stability"),
        _case("zero row, euclidean", zero_row, "euclidean", category="edge"),
        _case("zero row, manhattan", zero_row, "manhattan", category="edge"),
        _case("random 15 x 6, euclidean, offset 10", 10.0 + rng.normal(size=(15, 6)), "euclidean", category="random"),
        _case("random 9 x 20, manhattan", rng.normal(size=(9, 20)), "manhattan", category="axis"),
        _case("random 12 x 4, cosine", rng.normal(size=(12, 4)), "cosine", category="axis"),
        _case("random 30 x 16, euclidean", rng.normal(size=(30, 16)), "euclidean", category="random"),
        _case("random 25 x 10, cosine", rng.normal(size=(25, 10)), "cosine", category="random"),
        Case(
            "unknown metric 'chebyshev' raises ValueError",
            args=(rng.normal(size=(4, 2)),),
            kwargs={"metric": "chebyshev"},
            raises="ValueError",
            category="edge",
        ),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n points in 16-D, euclidean: the number of pairs grows with n squared."""
    return SizedInput(args=(rng.normal(size=(n, 16)),))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n rows of n features: a loop over rows, pairs or features grows with n."""
    return SizedInput(args=(rng.normal(size=(n, n)),))
