"""Cases for low-rank-approx: wide and tall A, k == min(m, n) giving A back, and exact low rank."""

import numpy as np

from app.cases import Case, SizedInput


def cases() -> list[Case]:
    rng = np.random.default_rng(20260316)
    full_tall = rng.normal(size=(10, 4))
    full_wide = rng.normal(size=(3, 7))
    rank_two = rng.normal(size=(8, 2)) @ rng.normal(size=(2, 6))
    single_row = rng.normal(size=(1, 5))
    return [
        Case(
            "diagonal 2x2, keep the larger singular value",
            args=(np.array([[1.0, 0.0], [0.0, 3.0]]), 1),
            visible=True,
            category="example",
            expected=np.array([[0.0, 0.0], [0.0, 3.0]]),
        ),
        Case(
            "wide 2x3, rank 1",
            args=(np.array([[3.0, 0.0, 4.0], [0.0, 1.0, 0.0]]), 1),
            visible=True,
            category="example",
            expected=np.array([[3.0, 0.0, 4.0], [0.0, 0.0, 0.0]]),
        ),
        Case("wide matrix (m < n)", args=(rng.normal(size=(5, 9)), 2), category="axis"),
        Case("tall matrix (m > n)", args=(rng.normal(size=(12, 4)), 3), category="axis"),
        Case("k equals min(m, n) returns A (tall)", args=(full_tall, 4), category="edge", expected=full_tall.copy()),
        Case("k equals min(m, n) returns A (wide)", args=(full_wide, 3), category="edge", expected=full_wide.copy()),
        Case("k = 1 of a square matrix", args=(rng.normal(size=(6, 6)), 1), category="basic"),
        Case("a rank-2 matrix is its own rank-2 approximation", args=(rank_two, 2), category="basic"),
        Case("single row (m = 1)", args=(single_row, 1), category="edge", expected=single_row.copy()),
        Case("single column (n = 1)", args=(rng.normal(size=(6, 1)), 1), category="edge"),
        Case("random 60x40, k = 10", args=(rng.normal(size=(60, 40)), 10), category="random"),
        Case("random 30x80, k = 5", args=(rng.normal(size=(30, 80)), 5), category="random"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """A tall (n, 16) matrix and k = 4: the rows grow with n, the rank stays 4."""
    return SizedInput(args=(rng.normal(size=(n, 16)), 4))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """An n x n matrix, rank 4 kept: a loop over rows or columns grows with n."""
    return SizedInput(args=(rng.normal(size=(n, n)), 4))
