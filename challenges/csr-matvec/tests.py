"""Cases for csr-matvec: empty rows at the start, the end and in between (np.add.reduceat's trap),
nnz == 0, repeated and unsorted columns, non-square shapes, and a huge row before small ones."""

from typing import Any

import numpy as np

from app.cases import Case, SizedInput


def _csr(dense: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """CSR arrays of a dense matrix (columns in order within each row)."""
    rows, cols = np.nonzero(dense)
    indptr = np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=dense.shape[0]))))
    return dense[rows, cols].astype(np.float64), cols.astype(np.int64), indptr.astype(np.int64)


def _random_csr(rng: np.random.Generator, m: int, n: int, mean_per_row: float) -> tuple[np.ndarray, ...]:
    """Poisson row lengths (so some rows are empty), random columns in any order, repeats allowed."""
    counts = rng.poisson(mean_per_row, size=m)
    indptr = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    nnz = int(indptr[-1])
    return rng.normal(size=nnz), rng.integers(0, n, size=nnz), indptr, rng.normal(size=n)


def _case(name: str, dense: np.ndarray, x: np.ndarray, **fields: Any) -> Case:
    return Case(name, args=(*_csr(dense), x), **fields)


def cases() -> list[Case]:
    rng = np.random.default_rng(20261207)
    sparse = rng.normal(size=(6, 5)) * (rng.random((6, 5)) < 0.4)
    sparse[[0, 5]] = 0.0  # first and last rows empty
    # Row 0 sums to ~1.3e12 and the rows after it to ~1: differencing one cumulative sum leaves
    # each of them an error of about ulp(1.3e12) = 2.4e-4, where summing each row on its own is exact
    # to ~1e-16.
    huge = (np.concatenate(([1e12, 3e11], rng.normal(size=10))), np.array([0, 2, 1, 0, 2, 1, 1, 0, 2, 0, 1, 2]),
            np.array([0, 2, 4, 4, 7, 9, 12]), rng.normal(size=3) + 1.0)
    return [
        Case("3 x 4 with an empty middle row",
             args=(np.array([1.0, 2.0, 3.0, 4.0]), np.array([0, 2, 1, 3]), np.array([0, 2, 2, 4]),
                   np.array([1.0, 2.0, 3.0, 4.0])),
             visible=True, category="example", expected=np.array([7.0, 0.0, 22.0])),
        Case("a repeated column in a row adds up",
             args=(np.array([1.0, 2.0, 5.0]), np.array([1, 1, 0]), np.array([0, 2, 3]), np.array([10.0, 100.0])),
             visible=True, category="example", expected=np.array([300.0, 50.0])),
        _case("the first row is empty", np.array([[0.0, 0.0, 0.0], [1.0, 0.0, 2.0], [0.0, 3.0, 0.0]]),
              np.array([1.0, -1.0, 2.0]), category="edge"),
        _case("the last row is empty", np.array([[1.0, 0.0, 2.0], [0.0, 3.0, 0.0], [0.0, 0.0, 0.0]]),
              np.array([1.0, -1.0, 2.0]), category="edge"),
        _case("the first and last rows are empty", sparse, rng.normal(size=5), category="edge"),
        _case("three empty rows in a row", np.array([[2.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.0, 5.0]]),
              np.array([3.0, 7.0]), category="edge"),
        Case("every row empty (nnz == 0)", args=(np.zeros(0), np.zeros(0, dtype=np.int64),
                                                 np.zeros(5, dtype=np.int64), rng.normal(size=3)), category="edge"),
        _case("a single row", rng.normal(size=(1, 7)), rng.normal(size=7), category="edge"),
        _case("a single nonzero", np.array([[0.0, 0.0, 0.0], [0.0, 0.0, 4.5]]), np.array([1.0, 2.0, -2.0]),
              category="edge"),
        Case("columns unsorted within each row",
             args=(np.array([1.0, 2.0, 3.0, 4.0, 5.0]), np.array([3, 0, 2, 2, 1]), np.array([0, 3, 5]),
                   np.array([1.0, 10.0, 100.0, 1000.0])),
             category="edge", expected=np.array([1302.0, 450.0])),
        Case("repeated columns all over", args=(rng.normal(size=12), rng.integers(0, 3, size=12),
                                               np.array([0, 4, 4, 9, 12]), rng.normal(size=3)), category="edge"),
        Case("int32 indices and indptr", args=(np.array([1.0, -2.0, 0.5]), np.array([2, 0, 1], dtype=np.int32),
                                               np.array([0, 1, 1, 3], dtype=np.int32), np.array([4.0, 8.0, 16.0])),
             category="edge"),
        _case("more columns than rows", rng.normal(size=(3, 11)) * (rng.random((3, 11)) < 0.5), rng.normal(size=11),
              category="axis"),
        _case("more rows than columns", rng.normal(size=(12, 2)) * (rng.random((12, 2)) < 0.6), rng.normal(size=2),
              category="axis"),
        _case("a dense row among empty ones", np.vstack([np.zeros((2, 6)), rng.normal(size=(1, 6)), np.zeros((3, 6))]),
              rng.normal(size=6), category="edge"),
        Case("random 500 x 300, about 5 per row", args=_random_csr(rng, 500, 300, 5.0), category="random"),
        Case("random 2000 x 50, many empty rows", args=_random_csr(rng, 2000, 50, 0.7), category="random"),
        Case("a huge row before small ones", args=huge, category="stability"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """m = n rows and columns, about one entry per row (37% of rows empty): at n = 10^6 the timing probe."""
    return SizedInput(args=_random_csr(rng, n, n, 1.0))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """4n rows over n columns with about 3 entries per row: loops over rows or entries grow with n."""
    return SizedInput(args=_random_csr(rng, 4 * n, n, 3.0))
