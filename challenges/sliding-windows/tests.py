"""Cases for sliding-windows: worked examples, window-size edges, and the 16 GB memory probe."""

import numpy as np

from app.cases import Case, SizedInput

PROBE_N = 10**7
PROBE_W = 200


def cases() -> list[Case]:
    rng = np.random.default_rng(20261127)
    return [
        Case(
            "five values, w = 3",
            args=(np.array([1.0, 2.0, 3.0, 4.0, 5.0]), 3),
            visible=True,
            category="example",
            expected=np.array([[1.0, 2.0, 3.0], [2.0, 3.0, 4.0], [3.0, 4.0, 5.0]]),
        ),
        Case(
            "six values, w = 2", args=(np.array([0.5, -1.0, 2.0, 7.0, 3.0, 1.0]), 2), visible=True, category="example"
        ),
        Case("w equals 1 gives one column", args=(rng.normal(size=7), 1), category="edge"),
        Case("w equals n gives one row", args=(rng.normal(size=9), 9), category="edge"),
        Case("w equals n - 1 gives two rows", args=(rng.normal(size=8), 7), category="edge"),
        Case("single value, w = 1", args=(np.array([4.25]), 1), category="edge"),
        Case("n divisible by w: windows overlap, n = 12, w = 4", args=(np.arange(12.0), 4), category="basic"),
        Case("rows are windows, not columns: n = 10, w = 6", args=(np.arange(10.0) * 1.5, 6), category="axis"),
        Case("random, n = 400, w = 13", args=(rng.normal(size=400), 13), category="random"),
        Case("random, n = 2000, w = 5", args=(rng.normal(size=2000), 5), category="random"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n values with a fixed window of 16: the number of windows grows with n."""
    return SizedInput(args=(rng.normal(size=n), 16))


def memory_probe() -> Case:
    """10^7 values and w = 200: a copied result needs 16 GB, a view needs none.

    Only a few rows travel back from the sandbox; the first and the last window are among
    them, so a result with the wrong number of rows cannot pass.
    """
    x = np.random.default_rng(20261128).normal(size=PROBE_N)
    last = PROBE_N - PROBE_W
    return Case(
        "memory probe: n = 10^7, w = 200",
        args=(x, PROBE_W),
        category="memory",
        sample_rows=(0, 1, 12345, last // 2, last - 1, last),
    )
