"""Cases for one-hot: worked examples, empty input, one class, and the out-of-range labels that must raise."""

import numpy as np

from app.cases import Case, SizedInput


def cases() -> list[Case]:
    rng = np.random.default_rng(20261204)
    return [
        Case(
            "four labels, three classes",
            args=(np.array([0, 2, 1, 2]), 3),
            visible=True,
            category="example",
            expected=np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]),
        ),
        Case("label 5 with num_classes 5 raises", args=(np.array([1, 5, 0]), 5), visible=True,
             category="example", raises="ValueError"),
        Case("no labels", args=(np.array([], dtype=np.int64), 4), category="edge"),
        Case("single label", args=(np.array([3]), 6), category="edge"),
        Case("one class only", args=(np.zeros(5, dtype=np.int64), 1), category="edge"),
        Case("highest classes never appear", args=(np.array([0, 1, 1, 0, 2]), 7), category="edge"),
        Case("label equal to num_classes raises", args=(np.array([0, 1, 2, 3]), 3), category="edge",
             raises="ValueError"),
        Case("negative label raises", args=(np.array([0, -1, 2]), 3), category="edge", raises="ValueError"),
        Case("large negative label raises", args=(np.array([2, 0, -7]), 4), category="edge", raises="ValueError"),
        Case("label far above num_classes raises", args=(np.array([1, 100]), 10), category="edge",
             raises="ValueError"),
        Case("int32 labels", args=(rng.integers(0, 5, size=12).astype(np.int32), 5), category="basic"),
        Case("many classes, few labels", args=(np.array([499, 0, 250]), 500), category="basic"),
        Case("300 random labels, 10 classes", args=(rng.integers(0, 10, size=300), 10), category="random"),
        Case("2000 random labels, 4 classes", args=(rng.integers(0, 4, size=2000), 4), category="random"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n labels over 10 classes: the work grows linearly with n."""
    return SizedInput(args=(rng.integers(0, 10, size=n), 10))
