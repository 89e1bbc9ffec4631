"""Cases for cross-entropy: worked examples, n != k shapes, and logits of magnitude 1e4."""

import numpy as np

from app.cases import Case, SizedInput


def _random_case(rng: np.random.Generator, n: int, k: int, scale: float = 3.0) -> tuple[np.ndarray, np.ndarray]:
    return rng.normal(scale=scale, size=(n, k)), rng.integers(0, k, size=n)


def cases() -> list[Case]:
    rng = np.random.default_rng(20261205)
    return [
        Case(
            "two samples, three classes",
            args=(np.array([[2.0, 1.0, 0.0], [0.0, 0.0, 0.0]]), np.array([0, 2])),
            visible=True,
            category="example",
            # Row 0: log(e^2 + e^1 + e^0) - 2 = 0.4076...; row 1: log 3. The loss is their mean.
            expected=0.753109126556245,
        ),
        Case(
            "uniform logits give log k",
            args=(np.zeros((4, 5)), np.array([0, 1, 2, 3])),
            visible=True,
            category="example",
            expected=1.6094379124341003,
        ),
        Case("single sample", args=(np.array([[0.5, -1.0, 2.0, 0.0]]), np.array([1])), category="edge"),
        Case("one class only gives zero", args=(np.array([[3.0], [-2.0], [0.0]]), np.array([0, 0, 0])),
             category="edge"),
        Case("two classes", args=_random_case(rng, 9, 2), category="basic"),
        Case("every label the same class", args=(rng.normal(size=(6, 4)), np.full(6, 3)), category="basic"),
        Case("labels as int32", args=(rng.normal(size=(5, 3)), np.array([2, 0, 1, 1, 0], dtype=np.int32)),
             category="edge"),
        Case("confident correct predictions", args=(np.array([[40.0, 0.0, 0.0], [0.0, 0.0, 45.0]]), np.array([0, 2])),
             category="edge"),
        Case("more classes than samples", args=_random_case(rng, 3, 10), category="axis"),
        Case("more samples than classes", args=_random_case(rng, 12, 4), category="axis"),
        Case("square logits (n == k)", args=_random_case(rng, 5, 5), category="axis"),
        Case("random 300 samples, 10 classes", args=_random_case(rng, 300, 10), category="random"),
        Case("logits of magnitude 1e4", args=_random_case(rng, 8, 6, scale=1e4), category="stability"),
        Case(
            "confident wrong prediction at 1e4",
            # Each true class trails the winner by 2e4 and 1e4: the loss is (2e4 + 1e4) / 2 exactly.
            args=(np.array([[1e4, -1e4], [0.0, 1e4]]), np.array([1, 0])),
            category="stability",
            expected=15000.0,
        ),
        Case("all logits near -1e4", args=(-1e4 + rng.normal(size=(6, 4)), rng.integers(0, 4, size=6)),
             category="stability"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n samples over 10 classes: the work grows linearly with n."""
    return SizedInput(args=_random_case(rng, n, 10))
