"""Cases for cosine-distances: worked examples, zero and tiny-norm rows (the 1e-8 floor),
small but valid norms, n != m with d different from both, and random data."""

import numpy as np

from app.cases import Case, SizedInput

HALF_ROOT2 = 0.7071067811865476


def _with_zero_rows(rng, shape, rows):
    data = rng.normal(size=shape)
    data[list(rows)] = 0.0
    return data


def cases() -> list[Case]:
    rng = np.random.default_rng(20260621)
    base = rng.normal(size=(4, 5))
    tiny = rng.normal(size=(3, 4))
    tiny[1] *= 1e-12 / np.linalg.norm(tiny[1])
    return [
        Case(
            "two vectors against three",
            args=(np.array([[1.0, 0.0], [1.0, 1.0]]), np.array([[2.0, 0.0], [0.0, 3.0], [-1.0, -1.0]])),
            visible=True,
            category="example",
            expected=np.array([[0.0, 1.0, 1.0 + HALF_ROOT2], [1.0 - HALF_ROOT2, 1.0 - HALF_ROOT2, 2.0]]),
        ),
        Case(
            "a zero row has distance 1",
            args=(np.array([[0.0, 0.0, 0.0], [1.0, 2.0, 2.0]]), np.array([[1.0, 2.0, 2.0], [0.0, 0.0, 0.0]])),
            visible=True,
            category="example",
            expected=np.array([[1.0, 1.0], [0.0, 1.0]]),
        ),
        Case("single row each", args=(rng.normal(size=(1, 4)), rng.normal(size=(1, 4))), category="edge"),
        Case(
            "d = 1 (only the sign matters)",
            args=(np.array([[2.0], [-3.0], [0.0]]), np.array([[5.0], [-0.5]])),
            category="edge",
        ),
        Case(
            "zero rows in X and Y",
            args=(_with_zero_rows(rng, (5, 3), [0, 3]), _with_zero_rows(rng, (4, 3), [2])),
            category="stability",
        ),
        Case("tiny-norm row (1e-12) is clamped", args=(tiny, rng.normal(size=(5, 4))), category="stability"),
        Case(
            "small but valid norms (1e-5) are not clamped",
            args=(1e-5 * rng.normal(size=(4, 6)) / 3.0, 1e-5 * rng.normal(size=(3, 6)) / 3.0),
            category="edge",
        ),
        Case(
            "same and opposite directions",
            args=(base, np.vstack([3.0 * base[0], -base[1], 0.5 * base[2:]])),
            category="basic",
        ),
        Case("n=3, m=8, d=5 (n != m)", args=(rng.normal(size=(3, 5)), rng.normal(size=(8, 5))), category="axis"),
        Case("n=6, m=2, d=9 (n != m)", args=(rng.normal(size=(6, 9)), rng.normal(size=(2, 9))), category="axis"),
        Case(
            "rows of very different lengths",
            args=(rng.normal(size=(5, 4)) * np.array([[1e-3], [1.0], [10.0], [1e4], [1e6]]), rng.normal(size=(4, 4))),
            category="basic",
        ),
        Case("random 20 x 30 in 12-D", args=(rng.normal(size=(20, 12)), rng.normal(size=(30, 12))), category="random"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n query rows against 32 fixed rows in 16-D: the work grows linearly with n."""
    return SizedInput(args=(rng.normal(size=(n, 16)), rng.normal(size=(32, 16))))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n x n rows of n features: a loop over X's rows, Y's rows or the features all grow with n."""
    return SizedInput(args=(rng.normal(size=(n, n)), rng.normal(size=(n, n))))
