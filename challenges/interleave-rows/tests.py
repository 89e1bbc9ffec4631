"""Cases for interleave-rows: worked example, n == 0, d == 1, and non-square inputs that expose the stacking axis."""

import numpy as np

from app.cases import Case, SizedInput


def _pair(rng: np.random.Generator, n: int, d: int) -> tuple[np.ndarray, np.ndarray]:
    # a is positive and b negative, so a row from the wrong array is obvious in the diff.
    return rng.uniform(1, 10, size=(n, d)), -rng.uniform(1, 10, size=(n, d))


def cases() -> list[Case]:
    rng = np.random.default_rng(20261206)
    return [
        Case(
            "two rows of two",
            args=(np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[10.0, 20.0], [30.0, 40.0]])),
            visible=True,
            category="example",
            expected=np.array([[1.0, 2.0], [10.0, 20.0], [3.0, 4.0], [30.0, 40.0]]),
        ),
        Case("three rows of three", args=(np.arange(9.0).reshape(3, 3), -np.arange(9.0).reshape(3, 3) - 1),
             visible=True, category="example"),
        Case("no rows", args=(np.zeros((0, 3)), np.zeros((0, 3))), category="edge"),
        Case("one column", args=_pair(rng, 5, 1), category="edge"),
        Case("one row each", args=_pair(rng, 1, 4), category="edge"),
        Case("no rows, one column", args=(np.zeros((0, 1)), np.zeros((0, 1))), category="edge"),
        Case("more columns than rows", args=_pair(rng, 2, 7), category="axis"),
        Case("more rows than columns", args=_pair(rng, 8, 3), category="axis"),
        Case("identical inputs", args=(np.ones((3, 2)), np.ones((3, 2))), category="basic"),
        Case("random 50 x 8", args=_pair(rng, 50, 8), category="random"),
        Case("random 300 x 5", args=_pair(rng, 300, 5), category="random"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """Two arrays of n rows of 8: the work grows linearly with n."""
    return SizedInput(args=(rng.normal(size=(n, 8)), rng.normal(size=(n, 8))))
