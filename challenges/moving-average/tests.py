"""Cases for moving-average: worked examples, the window-size edges, and a long offset signal."""

import numpy as np

from app.cases import Case, SizedInput


def cases() -> list[Case]:
    rng = np.random.default_rng(20261107)
    return [
        Case(
            "five values, w = 2",
            args=(np.array([1.0, 2.0, 3.0, 4.0, 5.0]), 2),
            visible=True,
            category="example",
            expected=np.array([1.5, 2.5, 3.5, 4.5]),
        ),
        Case(
            "six values, w = 3", args=(np.array([4.0, 0.0, 2.0, 8.0, -1.0, 3.0]), 3), visible=True, category="example"
        ),
        Case("w equals 1 returns x", args=(rng.normal(size=9), 1), category="edge"),
        Case("w equals n gives one window", args=(rng.normal(size=12), 12), category="edge"),
        Case("w equals n - 1 gives two windows", args=(rng.normal(size=10), 9), category="edge"),
        Case("single value, w = 1", args=(np.array([3.5]), 1), category="edge"),
        Case("first and last windows, n = 10, w = 4", args=(np.arange(10.0) ** 2, 4), category="basic"),
        Case("length n - w + 1, n = 50, w = 7", args=(rng.normal(size=50), 7), category="basic"),
        Case("random signal, n = 2000, w = 25", args=(rng.normal(size=2000), 25), category="random"),
        Case("random walk, n = 5000, w = 100", args=(np.cumsum(rng.normal(size=5000)), 100), category="random"),
        Case(
            "long input offset by 1e6, n = 20000, w = 5", args=(1e6 + rng.normal(size=20000), 5), category="stability"
        ),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n values with a fixed window of 8: the number of windows grows with n."""
    return SizedInput(args=(rng.normal(size=n), 8))
