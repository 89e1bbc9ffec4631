"""Cases for confusion-matrix: worked examples, absent classes, asymmetric errors, no samples."""

import numpy as np

from app.cases import Case, SizedInput


def _labels(values: list[int]) -> np.ndarray:
    return np.array(values, dtype=np.int64)


def cases() -> list[Case]:
    rng = np.random.default_rng(20261147)
    truth = rng.integers(0, 6, size=3000)
    # About 80% right, the rest uniformly wrong: a realistic classifier.
    guessed = np.where(rng.random(3000) < 0.8, truth, rng.integers(0, 6, size=3000))
    return [
        Case(
            "six samples, three classes",
            args=(_labels([0, 1, 2, 2, 1, 0]), _labels([0, 2, 2, 2, 1, 1]), 3),
            visible=True,
            category="example",
            expected=np.array([[1, 1, 0], [0, 1, 1], [0, 0, 2]]),
        ),
        Case(
            "perfect predictions, two classes",
            args=(_labels([1, 0, 1, 1]), _labels([1, 0, 1, 1]), 2),
            visible=True,
            category="example",
        ),
        Case(
            "one-way confusions: rows are true labels",
            args=(_labels([0, 0, 0, 1, 2, 2]), _labels([1, 1, 2, 1, 2, 0]), 3),
            category="axis",
        ),
        Case(
            "k = 4, only classes 0 and 2 appear",
            args=(_labels([0, 2, 2, 0, 2]), _labels([2, 2, 0, 0, 2]), 4),
            category="edge",
        ),
        Case(
            "last class never appears, k = 5",
            args=(_labels([0, 1, 2, 3, 3]), _labels([3, 1, 2, 0, 1]), 5),
            category="edge",
        ),
        Case("class predicted but never true", args=(_labels([0, 0, 1, 1]), _labels([2, 0, 2, 1]), 3), category="edge"),
        Case(
            "repeated pairs are all counted",
            args=(_labels([1] * 7 + [0] * 3), _labels([0] * 7 + [0] * 3), 2),
            category="basic",
        ),
        Case("single sample, k = 3", args=(_labels([2]), _labels([1]), 3), category="edge"),
        Case("one class, k = 1", args=(_labels([0, 0, 0]), _labels([0, 0, 0]), 1), category="edge"),
        Case("no samples gives all zeros", args=(_labels([]), _labels([]), 3), category="edge"),
        Case("random, 3000 samples, k = 6, 80% correct", args=(truth, guessed, 6), category="random"),
        Case(
            "random, 5000 samples, k = 10",
            args=(rng.integers(0, 10, size=5000), rng.integers(0, 10, size=5000), 10),
            category="random",
        ),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n samples over 10 classes: the number of samples grows with n."""
    return SizedInput(args=(rng.integers(0, 10, size=n), rng.integers(0, 10, size=n), 10))
