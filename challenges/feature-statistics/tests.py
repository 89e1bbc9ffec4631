"""Cases for feature-statistics: worked examples, n == 2, odd and even n, both orientations."""

import numpy as np

from app.cases import Case, SizedInput


def cases() -> list[Case]:
    rng = np.random.default_rng(20261108)
    with_constant = rng.normal(size=(6, 3))
    with_constant[:, 0] = 4.0
    scales = np.array([1e-3, 1.0, 50.0, 1e4])
    return [
        Case(
            "four samples, two features",
            args=(np.array([[1.0, 10.0], [2.0, 40.0], [4.0, 20.0], [9.0, 30.0]]),),
            visible=True,
            category="example",
            expected={
                "mean": np.array([4.0, 25.0]),
                "std": np.array([np.sqrt(38.0 / 3.0), np.sqrt(500.0 / 3.0)]),
                "var": np.array([38.0 / 3.0, 500.0 / 3.0]),
                "min": np.array([1.0, 10.0]),
                "max": np.array([9.0, 40.0]),
                "median": np.array([3.0, 25.0]),
                "range": np.array([8.0, 30.0]),
            },
        ),
        Case("three samples, three features",
             args=(np.array([[3.0, -1.0, 0.5], [1.0, -1.0, 2.5], [2.0, 5.0, 1.5]]),),
             visible=True, category="example"),
        Case("two rows (sample variance divides by n - 1 = 1)",
             args=(np.array([[1.0, 5.0, -2.0], [3.0, 1.0, 4.0]]),), category="edge"),
        Case("odd number of rows (median is the middle value)", args=(rng.normal(size=(7, 4)),),
             category="edge"),
        Case("even number of rows (median averages the middle two)", args=(rng.normal(size=(10, 4)),),
             category="edge"),
        Case("constant column has zero std, var and range", args=(with_constant,), category="edge"),
        Case("single column", args=(rng.normal(size=(9, 1)),), category="edge"),
        Case("tall 40x3", args=(rng.normal(loc=2.0, size=(40, 3)),), category="axis"),
        Case("wide 3x8, fewer rows than columns", args=(rng.normal(size=(3, 8)),), category="axis"),
        Case("random 200x6", args=(rng.normal(loc=-1.0, scale=5.0, size=(200, 6)),), category="random"),
        Case("columns on very different scales", args=(rng.normal(size=(50, 4)) * scales,), category="random"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n samples of 8 features: a loop over samples grows with n, the reference does not."""
    return SizedInput(args=(rng.normal(size=(n, 8)),))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n samples of n // 2 features: a loop over samples or over features grows with n."""
    return SizedInput(args=(rng.normal(size=(n, n // 2)),))
