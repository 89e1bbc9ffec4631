"""Cases for correlation-matrix: worked examples, constant columns, orientation, and the 1e9 offset."""

import numpy as np

from app.cases import Case, SizedInput


def cases() -> list[Case]:
    rng = np.random.default_rng(20261105)
    base = rng.normal(size=(30, 3))
    mixed = np.column_stack([base[:, 0], base[:, 0] + 0.1 * base[:, 1], -2.0 * base[:, 0] + base[:, 2]])
    with_constant = rng.normal(size=(10, 4))
    with_constant[:, 1] = 3.0
    with_tenths = rng.normal(size=(7, 3))
    with_tenths[:, 0] = 0.1
    scales = np.array([1e-3, 1.0, 50.0, 1e4])
    return [
        Case(
            "perfectly related columns",
            args=(np.array([[1.0, 2.0, 3.0], [2.0, 4.0, 1.0], [3.0, 6.0, -1.0]]),),
            visible=True,
            category="example",
            expected=np.array([[1.0, 1.0, -1.0], [1.0, 1.0, -1.0], [-1.0, -1.0, 1.0]]),
        ),
        Case("five samples, two features",
             args=(np.array([[1.0, 2.0], [2.0, 1.0], [3.0, 4.0], [4.0, 3.0], [5.0, 6.0]]),),
             visible=True, category="example"),
        Case("constant column correlates 0 with the rest", args=(with_constant,), category="edge"),
        Case("constant column of 0.1 (mean not exactly 0.1)", args=(with_tenths,), category="edge"),
        Case("one row: every column is constant", args=(np.array([[1.0, -2.0, 7.5]]),), category="edge"),
        Case("two rows: correlations are +-1", args=(np.array([[1.0, 5.0, -2.0], [3.0, 1.0, 4.0]]),),
             category="edge"),
        Case("single column", args=(rng.normal(size=(8, 1)),), category="edge"),
        Case("tall 40x3", args=(rng.normal(size=(40, 3)),), category="axis"),
        Case("wide 4x9, fewer rows than columns", args=(rng.normal(size=(4, 9)),), category="axis"),
        Case("random 200x6", args=(rng.normal(size=(200, 6)) @ rng.normal(size=(6, 6)),), category="random"),
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
