"""Cases for the cosine similarity matrix: worked examples, n != m != d shapes, zero and tiny rows."""

import numpy as np

from app.cases import Case, SizedInput


def cases() -> list[Case]:
    rng = np.random.default_rng(20261208)
    zero_in_a = rng.normal(size=(5, 4))
    zero_in_a[2] = 0.0
    zero_in_b = rng.normal(size=(6, 4))
    zero_in_b[[0, 5]] = 0.0
    tiny = rng.normal(size=(4, 3))
    tiny[1] = 1e-12 * np.array([0.6, 0.0, 0.8])
    small_norms = rng.normal(size=(5, 3)) * np.array([[0.01], [0.2], [0.9], [3.0], [10.0]])
    scales = np.array([[1e-3], [1.0], [1e3], [1e5]])
    return [
        Case(
            "two by three, with a zero row",
            # Row [3, 4] has norm 5: against [1, 0] the cosine is 3/5, against [0, 2] it is 8/10.
            args=(np.array([[1.0, 0.0], [3.0, 4.0]]), np.array([[1.0, 0.0], [0.0, 2.0], [0.0, 0.0]])),
            visible=True,
            category="example",
            expected=np.array([[1.0, 0.0, 0.0], [0.6, 0.8, 0.0]]),
        ),
        Case(
            "parallel and opposite rows",
            args=(np.array([[1.0, 2.0, 3.0]]), np.array([[2.0, 4.0, 6.0], [-1.0, -2.0, -3.0], [3.0, 0.0, -1.0]])),
            visible=True,
            category="example",
            expected=np.array([[1.0, -1.0, 0.0]]),
        ),
        Case("single rows (n == m == 1)", args=(rng.normal(size=(1, 5)), rng.normal(size=(1, 5))), category="edge"),
        Case("zero row in A", args=(zero_in_a, rng.normal(size=(3, 4))), category="stability"),
        Case("zero row in B", args=(rng.normal(size=(4, 4)), zero_in_b), category="stability"),
        Case("all rows zero", args=(np.zeros((3, 2)), np.zeros((4, 2))), category="stability"),
        Case("tiny row below eps", args=(tiny, rng.normal(size=(5, 3))), category="stability"),
        Case("custom eps 1.0", args=(small_norms, rng.normal(size=(4, 3)) * 0.5), kwargs={"eps": 1.0},
             category="edge"),
        Case("more rows than features", args=(rng.normal(size=(10, 3)), rng.normal(size=(7, 3))), category="axis"),
        Case("more features than rows", args=(rng.normal(size=(2, 9)), rng.normal(size=(3, 9))), category="axis"),
        Case("A and B are the same matrix", args=(np.arange(12.0).reshape(4, 3) - 5.0,) * 2, category="basic"),
        Case("rows at very different scales", args=(rng.normal(size=(4, 6)) * scales, rng.normal(size=(4, 6)) * scales),
             category="basic"),
        Case("integer inputs", args=(rng.integers(-4, 5, size=(5, 3)), rng.integers(-4, 5, size=(6, 3))),
             category="edge"),
        Case("random 60 x 40, d = 16", args=(rng.normal(size=(60, 16)), rng.normal(size=(40, 16))), category="random"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n rows of A against 32 rows of B, d = 16: the output has 32 * n entries."""
    return SizedInput(args=(rng.normal(size=(n, 16)), rng.normal(size=(32, 16))))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n x n rows of n features: a loop over A's rows, B's rows or the features all grow with n."""
    return SizedInput(args=(rng.normal(size=(n, n)), rng.normal(size=(n, n))))
