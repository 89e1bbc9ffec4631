"""Cases for dot-product-retrieval: ranking order, exact ties, k at both ends, and the timing probe."""

import numpy as np

from app.cases import Case, SizedInput


def _designed_scores(scores: list[float], rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """A query and documents whose dot products are exactly `scores` (small integers, no rounding)."""
    docs = np.column_stack([np.asarray(scores, dtype=np.float64), rng.integers(-3, 4, size=len(scores))])
    return np.array([1.0, 0.0]), docs.astype(np.float64)


def cases() -> list[Case]:
    rng = np.random.default_rng(20260311)
    # Integer-valued entries make every dot product exact, so equal scores really are equal
    # whichever order a solution sums in.
    tie_docs = rng.integers(0, 2, size=(60, 4)).astype(np.float64)
    duplicated = rng.integers(-5, 6, size=(9, 6)).astype(np.float64)
    duplicated = duplicated[[0, 1, 2, 1, 3, 0, 4, 2, 5, 6, 1, 7, 8]]
    boundary_q, boundary_docs = _designed_scores([0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2], rng)
    flat_q, flat_docs = _designed_scores([2] * 10 + [7], rng)
    return [
        Case(
            "four documents, k = 2",
            args=(np.array([1.0, 0.0]), np.array([[1.0, 2.0], [3.0, 0.0], [0.0, 5.0], [2.0, 2.0]]), 2),
            visible=True,
            category="example",
            expected=np.array([1, 3]),
        ),
        Case(
            "a tie goes to the smaller index",
            args=(np.array([1.0, 1.0]), np.array([[1.0, 0.0], [0.0, 1.0], [2.0, 2.0], [1.0, 1.0]]), 4),
            visible=True,
            category="example",
            expected=np.array([2, 3, 0, 1]),
        ),
        Case("k equals 1", args=(rng.normal(size=8), rng.normal(size=(30, 8)), 1), category="edge"),
        Case("k equals n (full ranking)", args=(rng.normal(size=5), rng.normal(size=(12, 5)), 12), category="edge"),
        Case("single document", args=(rng.normal(size=3), rng.normal(size=(1, 3)), 1), category="edge"),
        Case("many equal scores ordered by smaller index", args=(np.ones(4), tie_docs, 20), category="basic"),
        Case("k equals n with equal scores", args=(np.ones(4), tie_docs[:25], 25), category="edge"),
        Case("equal scores straddle the k-th place", args=(boundary_q, boundary_docs, 5), category="edge"),
        Case("ten equal scores, k cuts through them", args=(flat_q, flat_docs, 6), category="edge"),
        Case("zero query: every score is 0", args=(np.zeros(3), rng.normal(size=(10, 3)), 4), category="edge"),
        Case("duplicate documents", args=(rng.integers(-3, 4, size=6).astype(np.float64), duplicated, 6),
             category="edge"),
        Case("negative scores only", args=(-np.abs(rng.normal(size=4)), np.abs(rng.normal(size=(20, 4))), 5),
             category="basic"),
        Case("more features than documents (d > n)", args=(rng.normal(size=50), rng.normal(size=(6, 50)), 3),
             category="axis"),
        Case("random 2000 documents of width 8", args=(rng.normal(size=8), rng.normal(size=(2000, 8)), 10),
             category="random"),
        Case("random 300 documents, k = 100", args=(rng.normal(size=16), rng.normal(size=(300, 16)), 100),
             category="random"),
        Case("random 1500 documents, k = 600: the top k come back sorted",
             args=(rng.normal(size=4), rng.normal(size=(1500, 4)), 600), category="random"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n documents of width 16 and k = 10: at n = 10^6 this is the catalog's timing probe."""
    return SizedInput(args=(rng.normal(size=16), rng.normal(size=(n, 16)), 10))
