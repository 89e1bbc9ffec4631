"""Cases for knn-predict: worked examples, k == 1 and k == n_train, exact distance ties on
integer coordinates (lower training index first), vote ties (smallest label), labels that
are not 0..C-1, and random data."""

import numpy as np

from app.cases import Case, SizedInput


def _ints(rows):
    return np.array(rows, dtype=np.float64)


def _labels(values):
    return np.array(values, dtype=np.int64)


def _clusters(rng, centres, labels, per_class, spread=0.8):
    X = np.concatenate([c + spread * rng.normal(size=(per_class, len(c))) for c in centres])
    y = np.repeat(_labels(labels), per_class)
    order = rng.permutation(len(y))
    return X[order], y[order]


def cases() -> list[Case]:
    rng = np.random.default_rng(20260641)
    # Every training point of a 5 x 5 integer grid; queries on grid points and half-integers,
    # so many training points are exactly equally far from a query.
    grid = _ints([[i, j] for i in range(5) for j in range(5)])
    grid_queries = rng.integers(0, 9, size=(20, 2)) / 2.0
    X_lab, y_lab = _clusters(rng, [np.zeros(3), np.full(3, 3.0), np.array([3.0, -3.0, 0.0])], [7, 3, 10], 8)
    X_big, y_big = _clusters(
        rng, [np.zeros(4), np.ones(4) * 1.5, np.array([2.0, -1.0, 0.0, 1.0])], [0, 1, 2], 20, spread=1.0
    )
    return [
        Case(
            "points on a line, k = 3",
            args=(_ints([[0], [1], [2], [10], [11]]), _labels([0, 0, 1, 1, 1]), np.array([[0.5], [10.5], [1.8]]), 3),
            visible=True,
            category="example",
            expected=_labels([0, 1, 0]),
        ),
        Case(
            "two clusters in 2-D, k = 1",
            args=(
                _ints([[0, 0], [0, 1], [5, 5], [6, 5]]),
                _labels([0, 0, 1, 1]),
                np.array([[0.2, 0.4], [5.2, 4.0], [2.0, 2.0]]),
                1,
            ),
            visible=True,
            category="example",
            expected=_labels([0, 1, 0]),
        ),
        Case(
            "equidistant neighbours: lower index wins (k = 1)",
            args=(
                _ints([[0, 2], [2, 0], [-2, 0], [0, -2], [5, 5]]),
                _labels([1, 0, 0, 2, 0]),
                _ints([[0, 0], [1, 1], [-1, -1]]),
                1,
            ),
            category="edge",
            expected=_labels([1, 1, 0]),
        ),
        Case(
            "equidistant neighbours at the k-th place (k = 3)",
            args=(
                _ints([[3, 0], [1, 0], [0, 3], [0, 1], [-3, 0], [0, -3]]),
                _labels([2, 2, 1, 1, 1, 1]),
                _ints([[0, 0], [10, 10]]),
                3,
            ),
            category="edge",
            expected=_labels([2, 2]),
        ),
        Case(
            "vote tie goes to the smallest label (k = 2)",
            args=(
                _ints([[0, 0], [3, 0], [10, 0], [13, 0]]),
                _labels([5, 3, 3, 5]),
                _ints([[1, 0], [12, 0], [11, 0]]),
                2,
            ),
            category="edge",
            expected=_labels([3, 3, 3]),
        ),
        Case(
            "vote tie among three labels (k = 6)",
            args=(_ints([[1], [2], [3], [4], [5], [6], [50]]), _labels([4, 4, 9, 9, 2, 2, 7]), _ints([[0], [55]]), 6),
            category="edge",
            expected=_labels([2, 2]),
        ),
        Case(
            "many exact ties on an integer grid (k = 4)",
            args=(grid, rng.integers(0, 3, size=25), grid_queries, 4),
            category="edge",
        ),
        Case(
            "k == 1, random",
            args=(rng.normal(size=(30, 4)), rng.integers(0, 4, size=30), rng.normal(size=(10, 4)), 1),
            category="edge",
        ),
        Case(
            "k == n_train (vote over every training point)",
            args=(rng.normal(size=(9, 2)), _labels([1, 0, 1, 2, 1, 0, 1, 2, 0]), rng.normal(size=(4, 2)), 9),
            category="axis",
        ),
        Case(
            "k == n_train with a vote tie",
            args=(rng.normal(size=(6, 3)), _labels([2, 1, 2, 1, 0, 0]), rng.normal(size=(5, 3)), 6),
            category="edge",
        ),
        Case(
            "single test point",
            args=(rng.normal(size=(12, 3)), rng.integers(0, 3, size=12), rng.normal(size=(1, 3)), 3),
            category="edge",
        ),
        Case(
            "d = 1",
            args=(rng.normal(size=(15, 1)), rng.integers(0, 2, size=15), rng.normal(size=(6, 1)), 3),
            category="edge",
        ),
        Case(
            "labels 3, 7 and 10 (not 0..C-1)", args=(X_lab, y_lab, rng.normal(size=(12, 3)) * 2.0, 5), category="basic"
        ),
        Case(
            "n_test=7, n_train=20, d=3 (non-square)",
            args=(rng.normal(size=(20, 3)), rng.integers(0, 3, size=20), rng.normal(size=(7, 3)), 3),
            category="axis",
        ),
        Case(
            "random clusters, 60 train x 25 test in 4-D, k = 7",
            args=(X_big, y_big, 0.75 + 1.2 * rng.normal(size=(25, 4)), 7),
            category="random",
        ),
        Case(
            "random 40 train x 15 test in 5-D, k = 5",
            args=(rng.normal(size=(40, 5)), rng.integers(0, 3, size=40), rng.normal(size=(15, 5)), 5),
            category="random",
        ),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n test points against 64 fixed training points in 4-D, k = 5: the work grows with n."""
    return SizedInput(args=(rng.normal(size=(64, 4)), rng.integers(0, 3, size=64), rng.normal(size=(n, 4)), 5))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n test points against n training points: a loop over either grows with n (k and classes stay)."""
    return SizedInput(args=(rng.normal(size=(n, 4)), rng.integers(0, 3, size=n), rng.normal(size=(n, 4)), 5))
