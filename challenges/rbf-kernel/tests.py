"""Cases for rbf-kernel: worked examples, n != m != d shapes, identical points and underflow."""

import math

import numpy as np

from app.cases import Case, SizedInput


def cases() -> list[Case]:
    rng = np.random.default_rng(20261137)
    points = rng.normal(size=(6, 3))
    return [
        Case(
            "two points against three, gamma = 0.5",
            args=(np.array([[0.0, 0.0], [1.0, 1.0]]), np.array([[0.0, 0.0], [1.0, 0.0], [2.0, 2.0]]), 0.5),
            visible=True,
            category="example",
            expected=np.array(
                [[1.0, math.exp(-0.5), math.exp(-4.0)], [math.exp(-1.0), math.exp(-0.5), math.exp(-1.0)]]
            ),
        ),
        Case(
            "three points against two, gamma = 1",
            args=(np.array([[1.0, 2.0], [0.0, -1.0], [3.0, 0.5]]), np.array([[1.0, 1.0], [2.0, 0.0]]), 1.0),
            visible=True,
            category="example",
        ),
        Case("X equals Y: diagonal is 1", args=(points, points.copy(), 0.7), category="edge"),
        Case("one row of X, d = 1", args=(np.array([[0.3]]), rng.normal(size=(5, 1)), 2.0), category="edge"),
        Case("one row of Y", args=(rng.normal(size=(4, 3)), rng.normal(size=(1, 3)), 0.25), category="edge"),
        Case(
            "large gamma: far pairs underflow to 0",
            args=(rng.normal(size=(5, 2)), rng.normal(size=(6, 2)), 400.0),
            category="edge",
        ),
        Case(
            "small gamma: values near 1", args=(rng.normal(size=(5, 4)), rng.normal(size=(3, 4)), 1e-4), category="edge"
        ),
        Case("n != m: 7 rows against 3", args=(rng.normal(size=(7, 2)), rng.normal(size=(3, 2)), 0.5), category="axis"),
        Case(
            "n != m != d: 4 rows against 9, d = 6",
            args=(rng.normal(size=(4, 6)), rng.normal(size=(9, 6)), 0.2),
            category="axis",
        ),
        Case(
            "n = m = d = 4: row norms, not column norms",
            args=(rng.normal(size=(4, 4)), rng.normal(size=(4, 4)), 0.5),
            category="axis",
        ),
        Case(
            "points far from the origin (offset 100)",
            args=(100.0 + rng.normal(size=(8, 3)), 100.0 + rng.normal(size=(5, 3)), 0.5),
            category="basic",
        ),
        Case(
            "random, n = 40, m = 30, d = 5",
            args=(rng.normal(size=(40, 5)), rng.normal(size=(30, 5)), 0.3),
            category="random",
        ),
        Case(
            "random, n = 120, m = 80, d = 16",
            args=(rng.normal(size=(120, 16)), rng.normal(size=(80, 16)), 0.05),
            category="random",
        ),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n rows of X against a fixed 32 rows of Y, d = 8: the number of pairs grows with n."""
    return SizedInput(args=(rng.normal(size=(n, 8)), rng.normal(size=(32, 8)), 0.1))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n x n rows of n features: a loop over X's rows, Y's rows or the features all grow with n."""
    return SizedInput(args=(rng.normal(size=(n, n)), rng.normal(size=(n, n)), 0.1))
