"""Cases for percentile-clip: worked examples, 0/100 and lo == hi, interpolation, per-column bounds."""

import numpy as np

from app.cases import Case, SizedInput


def cases() -> list[Case]:
    rng = np.random.default_rng(20261109)
    scales = np.array([1e-3, 1.0, 50.0, 1e4])
    heavy = rng.standard_t(df=2, size=(60, 5))
    ties = rng.integers(0, 4, size=(15, 3)).astype(np.float64)
    return [
        Case(
            "five samples, two features, 25th to 75th",
            args=(np.array([[1.0, 100.0], [2.0, 400.0], [3.0, 300.0], [4.0, 200.0], [50.0, -900.0]]), 25, 75),
            visible=True,
            category="example",
            expected=np.array([[2.0, 100.0], [2.0, 300.0], [3.0, 300.0], [4.0, 200.0], [4.0, 100.0]]),
        ),
        Case("clip the outlier in each column, 10th to 90th",
             args=(np.array([[0.0, 5.0, -1.0], [1.0, 6.0, -2.0], [2.0, 7.0, -3.0], [3.0, 8.0, -4.0],
                             [100.0, -50.0, 20.0]]), 10, 90),
             visible=True, category="example"),
        Case("lo 0 and hi 100 returns X unchanged", args=(rng.normal(size=(12, 4)), 0, 100), category="edge"),
        Case("lo equals hi: every column becomes its median", args=(rng.normal(size=(9, 3)), 50, 50),
             category="edge"),
        Case("one row", args=(np.array([[3.0, -1.0, 0.5]]), 5, 95), category="edge"),
        Case("single column", args=(rng.normal(size=(11, 1)), 20, 80), category="edge"),
        Case("only the upper tail (lo 0)", args=(rng.exponential(size=(20, 3)), 0, 90), category="edge"),
        Case("only the lower tail (hi 100)", args=(-rng.exponential(size=(20, 3)), 10, 100), category="edge"),
        Case("linear interpolation between order statistics", args=(rng.normal(size=(6, 4)), 7.5, 92.5),
             category="basic"),
        Case("repeated values", args=(ties, 20, 80), category="basic"),
        Case("heavy-tailed columns, 1st to 99th", args=(heavy, 1, 99), category="random"),
        Case("tall 40x3", args=(rng.normal(size=(40, 3)) * np.array([1.0, 10.0, 100.0]), 5, 95), category="axis"),
        Case("wide 3x8, fewer rows than columns", args=(rng.normal(size=(3, 8)), 25, 75), category="axis"),
        Case("columns on very different scales", args=(rng.normal(size=(50, 4)) * scales, 5, 95),
             category="axis"),
        Case("random 200x6", args=(rng.normal(loc=3.0, scale=2.0, size=(200, 6)), 2.5, 97.5), category="random"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n samples of 8 features clipped to the 5th..95th percentiles: loops over samples grow with n."""
    return SizedInput(args=(rng.normal(size=(n, 8)), 5.0, 95.0))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n samples of n // 2 features: a loop over samples or over features grows with n."""
    return SizedInput(args=(rng.normal(size=(n, n // 2)), 5.0, 95.0))
