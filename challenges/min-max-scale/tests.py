"""Cases for min-max-scale: worked examples, constant columns, orientation and mixed scales."""

import numpy as np

from app.cases import Case, SizedInput


def cases() -> list[Case]:
    rng = np.random.default_rng(20261107)
    with_constant = rng.normal(size=(9, 4))
    with_constant[:, 2] = 0.1
    scales = np.array([1e-3, 1.0, 50.0, 1e4])
    return [
        Case(
            "three samples, two features",
            args=(np.array([[1.0, -5.0], [3.0, 5.0], [2.0, 0.0]]),),
            visible=True,
            category="example",
            expected=np.array([[0.0, 0.0], [1.0, 1.0], [0.5, 0.5]]),
        ),
        Case("four samples, three features",
             args=(np.array([[10.0, 0.2, -1.0], [20.0, 0.4, -3.0], [40.0, 0.3, -2.0], [30.0, 0.1, -4.0]]),),
             visible=True, category="example"),
        Case("constant column (no NaN, no warning)", args=(with_constant,), category="edge"),
        Case("one row: every column is constant", args=(np.array([[3.0, -1.0, 0.5]]),), category="edge"),
        Case("two rows: every value is 0 or 1", args=(np.array([[1.0, 5.0, -2.0], [3.0, 1.0, 4.0]]),),
             category="edge"),
        Case("single column", args=(rng.normal(size=(8, 1)),), category="edge"),
        Case("negative values only", args=(-np.abs(rng.normal(size=(10, 3))) - 2.0,), category="basic"),
        Case("tall 40x3", args=(rng.normal(loc=5.0, size=(40, 3)),), category="axis"),
        Case("wide 3x8, fewer rows than columns", args=(rng.normal(size=(3, 8)),), category="axis"),
        Case("random 200x6", args=(rng.uniform(-10.0, 30.0, size=(200, 6)),), category="random"),
        Case("columns on very different scales", args=(rng.normal(size=(50, 4)) * scales,), category="random"),
        Case("offset 1e9 columns", args=(1e9 + rng.normal(size=(30, 4)),), category="stability"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n samples of 8 features: a loop over samples grows with n, the reference does not."""
    return SizedInput(args=(rng.normal(size=(n, 8)),))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n samples of n // 2 features: a loop over samples or over features grows with n."""
    return SizedInput(args=(rng.normal(size=(n, n // 2)),))
