"""Cases for covariance-matrix: worked examples, both orientations, ddof, and the 1e9 offset probe."""

import numpy as np

from app.cases import Case, SizedInput


def cases() -> list[Case]:
    rng = np.random.default_rng(20261104)
    scales = np.array([1e-3, 1.0, 50.0, 1e4])
    base = rng.normal(size=(30, 3))
    mixed = np.column_stack([base[:, 0], base[:, 0] + 0.1 * base[:, 1], -2.0 * base[:, 0] + base[:, 2]])
    constant = rng.normal(size=(12, 4))
    constant[:, 2] = 0.1
    return [
        Case(
            "three points on a line",
            args=(np.array([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]]),),
            visible=True,
            category="example",
            expected=np.array([[1.0, 2.0], [2.0, 4.0]]),
        ),
        Case("four samples, three features",
             args=(np.array([[2.0, 0.0, 1.0], [4.0, 1.0, 1.0], [6.0, 0.0, 3.0], [8.0, 1.0, 3.0]]),),
             visible=True, category="example"),
        Case("two rows, divisor n - 1 = 1", args=(np.array([[1.0, 5.0, -2.0], [3.0, 1.0, 4.0]]),), category="edge"),
        Case("single column", args=(rng.normal(size=(9, 1)),), category="edge"),
        Case("constant column gives a zero row and column", args=(constant,), category="edge"),
        Case("tall 40x3", args=(rng.normal(size=(40, 3)),), category="axis"),
        Case("wide 3x7, fewer rows than columns", args=(rng.normal(size=(3, 7)),), category="axis"),
        Case("random 200x6", args=(rng.normal(loc=2.0, scale=3.0, size=(200, 6)),), category="random"),
        Case("columns on very different scales", args=(rng.normal(size=(50, 4)) * scales,), category="random"),
        Case("offset 1e9 columns", args=(1e9 + rng.normal(size=(30, 4)),), category="stability"),
        Case("offset 1e9, correlated columns", args=(mixed + np.array([1e9, -1e9, 3e9]),), category="stability"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n samples of 8 features: a loop over samples grows with n, the reference does not."""
    return SizedInput(args=(rng.normal(size=(n, 8)),))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n samples of n // 2 features: a loop over samples or over features grows with n."""
    return SizedInput(args=(rng.normal(size=(n, n // 2)) + 3.0,))
