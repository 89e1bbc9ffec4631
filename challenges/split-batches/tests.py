"""Cases for split-batches: worked example, n == 0, batch sizes at and beyond n, bad sizes, and any trailing shape."""

import numpy as np

from app.cases import Case, SizedInput


def cases() -> list[Case]:
    rng = np.random.default_rng(20261207)
    ten = np.arange(20.0).reshape(10, 2)
    return [
        Case(
            "ten rows in batches of four",
            args=(ten, 4),
            visible=True,
            category="example",
            expected=[ten[0:4], ten[4:8], ten[8:10]],
        ),
        Case("six rows in batches of three", args=(np.arange(18.0).reshape(6, 3), 3), visible=True,
             category="example"),
        Case("no rows gives an empty list", args=(np.zeros((0, 3)), 4), category="edge"),
        Case("batch size larger than n", args=(rng.normal(size=(5, 2)), 8), category="edge"),
        Case("batch size equal to n", args=(rng.normal(size=(5, 2)), 5), category="edge"),
        Case("batch size 1 keeps each row 2-D", args=(rng.normal(size=(4, 3)), 1), category="edge"),
        Case("one row", args=(rng.normal(size=(1, 3)), 4), category="edge"),
        Case("exact multiple leaves no empty batch", args=(rng.normal(size=(12, 2)), 4), category="edge"),
        Case("last batch has a single row", args=(rng.normal(size=(9, 2)), 4), category="edge"),
        Case("batch size 0 raises", args=(rng.normal(size=(5, 2)), 0), category="edge", raises="ValueError"),
        Case("negative batch size raises", args=(rng.normal(size=(5, 2)), -2), category="edge",
             raises="ValueError"),
        Case("1-D input", args=(np.arange(7.0), 3), category="basic"),
        Case("3-D input: batches of images", args=(rng.normal(size=(5, 4, 3)), 2), category="basic"),
        Case("random 103 rows of 8, batches of 10", args=(rng.normal(size=(103, 8)), 10), category="random"),
        Case("random 1000 rows of 4, batches of 64", args=(rng.normal(size=(1000, 4)), 64), category="random"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n rows of 4 in three batches: the batch size grows with n, so the number of batches does not.

    The output is one array per batch, so a fixed batch size would make even the slicing
    reference run more Python lines at larger n; a row-by-row loop still grows with n.
    """
    return SizedInput(args=(rng.normal(size=(n, 4)), n // 3 + 1))
