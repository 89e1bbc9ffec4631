"""Cases for center_columns: worked examples first, then hidden cases named after what they test."""

import numpy as np

from app.cases import Case, SizedInput


def cases() -> list[Case]:
    rng = np.random.default_rng(20261201)
    return [
        Case("two rows, two columns", args=(np.array([[1.0, 2.0], [3.0, 6.0]]),), visible=True,
             category="example"),
        Case("three rows, one column", args=(np.array([[1.0], [2.0], [6.0]]),), visible=True, category="example"),
        Case("a single row", args=(np.array([[4.0, -1.0, 2.5]]),), category="edge"),
        Case("tall random", args=(rng.normal(size=(50, 4)),), category="random"),
        Case("wide random", args=(rng.normal(size=(3, 40)),), category="axis"),
        Case("large offsets", args=(rng.normal(size=(20, 5)) + 1e6,), category="stability"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n rows of 16 columns: the work grows linearly with n."""
    return SizedInput(args=(rng.normal(size=(n, 16)),))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n rows of n columns: a loop over rows or columns grows with n."""
    return SizedInput(args=(rng.normal(size=(n, n)),))
