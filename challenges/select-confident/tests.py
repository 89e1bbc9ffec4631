"""Cases for select-confident: worked example, empty selections, the threshold boundary, ties, and both axes."""

import numpy as np

from app.cases import Case, SizedInput


def _probs(rng: np.random.Generator, n: int, k: int, concentration: float = 1.0) -> np.ndarray:
    return rng.dirichlet(np.full(k, concentration), size=n)


def cases() -> list[Case]:
    rng = np.random.default_rng(20261205)
    example = np.array([[0.90, 0.05, 0.05], [0.40, 0.35, 0.25], [0.10, 0.85, 0.05], [0.30, 0.30, 0.40]])
    return [
        Case("four rows, threshold 0.8", args=(example, 0.8), visible=True, category="example",
             expected=(np.array([0, 2]), np.array([0, 1]))),
        Case("four rows, threshold 0.35", args=(example, 0.35), visible=True, category="example"),
        Case("no row reaches the threshold", args=(_probs(rng, 5, 3), 1.5), category="edge"),
        Case("every row selected at threshold 0", args=(_probs(rng, 6, 4), 0.0), category="edge"),
        Case("top probability exactly equal to the threshold",
             args=(np.array([[0.5, 0.25, 0.25], [0.25, 0.75, 0.0], [0.125, 0.375, 0.5]]), 0.5), category="edge"),
        Case("tie for the top class goes to the lower index",
             args=(np.array([[0.45, 0.45, 0.1], [0.1, 0.45, 0.45], [0.3, 0.4, 0.3]]), 0.4), category="edge"),
        Case("zero rows", args=(np.zeros((0, 4)), 0.5), category="edge"),
        Case("single row selected", args=(np.array([[0.2, 0.7, 0.1]]), 0.6), category="edge"),
        Case("more classes than rows", args=(_probs(rng, 3, 10, 0.2), 0.5), category="axis"),
        Case("more rows than classes", args=(_probs(rng, 12, 4, 0.5), 0.6), category="axis"),
        Case("square 5x5 probabilities", args=(_probs(rng, 5, 5, 0.3), 0.5), category="axis"),
        Case("200 random rows, 5 classes", args=(_probs(rng, 200, 5, 0.5), 0.7), category="random"),
        Case("1000 random rows, 10 classes", args=(_probs(rng, 1000, 10, 0.3), 0.5), category="random"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n rows of 10 class probabilities: the work grows linearly with n."""
    return SizedInput(args=(_probs(rng, n, 10, 0.3), 0.5))
