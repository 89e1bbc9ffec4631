"""Cases for manhattan-distances: worked examples, n != m with d different from both,
d == 1, a zero diagonal, and random data."""

import numpy as np

from app.cases import Case, SizedInput


def cases() -> list[Case]:
    rng = np.random.default_rng(20260611)
    same = rng.normal(size=(9, 4))
    return [
        Case(
            "two points against three",
            args=(np.array([[0.0, 0.0], [1.0, 2.0]]), np.array([[1.0, 1.0], [3.0, 0.0], [0.0, -2.0]])),
            visible=True,
            category="example",
            expected=np.array([[2.0, 3.0, 2.0], [1.0, 4.0, 5.0]]),
        ),
        Case(
            "one point against two",
            args=(np.array([[1.0, -1.0, 2.0]]), np.array([[0.0, 0.0, 0.0], [1.0, -1.0, 2.0]])),
            visible=True,
            category="example",
        ),
        Case("single row each", args=(rng.normal(size=(1, 6)), rng.normal(size=(1, 6))), category="edge"),
        Case("d = 1 (points on a line)", args=(rng.normal(size=(5, 1)), rng.normal(size=(3, 1))), category="edge"),
        Case("n=3, m=8, d=5 (n != m)", args=(rng.normal(size=(3, 5)), rng.normal(size=(8, 5))), category="axis"),
        Case("n=8, m=3, d=4 (n != m)", args=(rng.normal(size=(8, 4)), rng.normal(size=(3, 4))), category="axis"),
        Case("X against a copy of itself (zero diagonal)", args=(same, same.copy()), category="basic"),
        Case(
            "all coordinates negative",
            args=(-np.abs(rng.normal(size=(4, 3))), -np.abs(rng.normal(size=(6, 3)))),
            category="basic",
        ),
        Case(
            "integer-valued points",
            args=(
                rng.integers(-9, 10, size=(7, 3)).astype(np.float64),
                rng.integers(-9, 10, size=(5, 3)).astype(np.float64),
            ),
            category="basic",
        ),
        Case("random 30 x 20 in 10-D", args=(rng.normal(size=(30, 10)), rng.normal(size=(20, 10))), category="random"),
        Case(
            "random 12 x 50 in 6-D, spread 100",
            args=(100.0 * rng.normal(size=(12, 6)), 100.0 * rng.normal(size=(50, 6))),
            category="random",
        ),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n query points against 32 fixed points in 8-D: the work grows linearly with n."""
    return SizedInput(args=(rng.normal(size=(n, 8)), rng.normal(size=(32, 8))))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n x n rows of n features: a loop over X's rows, Y's rows or the features all grow with n."""
    return SizedInput(args=(rng.normal(size=(n, n)), rng.normal(size=(n, n))))
