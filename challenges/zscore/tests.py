"""Cases for zscore: worked examples, constant columns (0.1s included), orientation, the 1e9 offset."""

import numpy as np

from app.cases import Case, SizedInput


def cases() -> list[Case]:
    rng = np.random.default_rng(20261106)
    with_zeros = rng.normal(size=(9, 4))
    with_zeros[:, 3] = 0.0
    with_tenths = rng.normal(size=(7, 3))
    with_tenths[:, 1] = 0.1
    scales = np.array([1e-3, 1.0, 50.0, 1e4])
    return [
        Case(
            "three samples, two features",
            args=(np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 60.0]]),),
            visible=True,
            category="example",
            expected=np.array([
                [-1.224744871391589, -0.9258200997725514],
                [0.0, -0.4629100498862757],
                [1.224744871391589, 1.3887301496588271],
            ]),
        ),
        Case("four samples, three features",
             args=(np.array([[0.0, 4.0, 1.0], [2.0, 4.0, -1.0], [4.0, 4.0, 1.0], [6.0, 4.0, -1.0]]),),
             visible=True, category="example"),
        Case("constant column of zeros", args=(with_zeros,), category="edge"),
        Case("constant column of 0.1 (std comes out near 1e-17)", args=(with_tenths,), category="edge"),
        Case("one row: every column is constant", args=(np.array([[3.0, -1.0, 0.5, 2.0]]),), category="edge"),
        Case("two rows: every value is +-1", args=(np.array([[1.0, 5.0, -2.0], [3.0, 1.0, 4.0]]),),
             category="edge"),
        Case("single column", args=(rng.normal(size=(8, 1)),), category="edge"),
        Case("tall 40x3", args=(rng.normal(loc=5.0, size=(40, 3)),), category="axis"),
        Case("wide 3x8, fewer rows than columns", args=(rng.normal(size=(3, 8)),), category="axis"),
        Case("random 200x6", args=(rng.normal(loc=-3.0, scale=4.0, size=(200, 6)),), category="random"),
        Case("columns on very different scales", args=(rng.normal(size=(50, 4)) * scales,), category="random"),
        Case("offset 1e9 columns", args=(1e9 + rng.normal(size=(30, 4)),), category="stability", atol=1e-6),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n samples of 8 features: a loop over samples grows with n, the reference does not."""
    return SizedInput(args=(rng.normal(size=(n, 8)),))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n samples of n // 2 features: a loop over samples or over features grows with n."""
    return SizedInput(args=(rng.normal(size=(n, n // 2)),))
