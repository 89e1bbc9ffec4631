"""Cases for logistic-loss-grad: worked examples, n != d shapes, the l2 term, and margins of +-1000."""

import numpy as np

from app.cases import Case, SizedInput


def _data(rng: np.random.Generator, n: int, d: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    X = rng.normal(size=(n, d))
    w = rng.normal(size=d)
    # Labels drawn from the model itself, so the loss is neither 0 nor huge.
    y = (rng.random(n) < 1.0 / (1.0 + np.exp(-X @ w))).astype(np.int64)
    return w, X, y


def cases() -> list[Case]:
    rng = np.random.default_rng(20261201)
    # z = X @ w is +-1000 and +-2000 times 0.5: margins s * z of 1000, -1000, -1000 and 1000.
    # The loss is exactly (0 + 1000 + 1000 + 0) / 4, where exp(1000) overflows to inf.
    big_X = np.array([[1000.0, 0.0], [-1000.0, 0.0], [0.0, 2000.0], [0.0, -2000.0]])
    wrong_X = rng.uniform(800.0, 1200.0, size=(6, 1)) * np.array([[1.0], [-1.0], [1.0], [-1.0], [1.0], [-1.0]])
    return [
        Case(
            "three samples, two features",
            args=(np.array([1.0, -1.0]), np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]), np.array([1, 0, 1])),
            visible=True,
            category="example",
            # z = [1, -1, 0] and margins s * z = [1, 1, 0]: loss = (2 log(1 + e^-1) + log 2) / 3.
            expected=(0.439890185198797, np.array([-0.2563138071233317, -0.07701952621000163])),
        ),
        Case("with an l2 penalty", args=(np.array([0.5, 2.0]), np.array([[1.0, 2.0], [-1.0, 0.5]]),
                                         np.array([0, 1])), kwargs={"l2": 0.1}, visible=True, category="example"),
        Case("zero weights: the loss is log 2", args=(np.zeros(3), rng.normal(size=(5, 3)),
                                                      np.array([1, 0, 0, 1, 1])), category="basic"),
        Case("a single sample (n == 1)", args=(np.array([0.3, -0.7, 1.1]), np.array([[2.0, 1.0, -1.0]]), np.array([0])),
             category="edge"),
        Case("a single feature (d == 1)", args=(np.array([1.5]), rng.normal(size=(9, 1)),
                                                rng.integers(0, 2, size=9)), category="edge"),
        Case("every label is 1", args=(*_data(rng, 12, 3)[:2], np.ones(12, dtype=np.int64)), category="edge"),
        Case("labels given as floats", args=(*_data(rng, 10, 4)[:2], rng.integers(0, 2, size=10).astype(np.float64)),
             category="edge"),
        Case("integer features", args=(rng.normal(size=3), rng.integers(-3, 4, size=(8, 3)),
                                       rng.integers(0, 2, size=8)), category="edge"),
        Case("large l2", args=_data(rng, 15, 4), kwargs={"l2": 10.0}, category="basic"),
        Case("more features than samples", args=_data(rng, 3, 10), kwargs={"l2": 0.5}, category="axis"),
        Case("more samples than features", args=_data(rng, 50, 4), category="axis"),
        Case("random 300 x 8 with l2 = 0.01", args=_data(rng, 300, 8), kwargs={"l2": 0.01}, category="random"),
        Case("margins of +-1000", args=(np.array([1.0, 0.5]), big_X, np.array([1, 1, 0, 0])), category="stability",
             expected=(500.0, np.array([250.0, 500.0]))),
        Case("confidently wrong on every sample", args=(np.array([1.0]), wrong_X, np.array([0, 1, 0, 1, 0, 1])),
             kwargs={"l2": 0.2}, category="stability"),
        Case("confidently right: the loss is 0 to the last digit",
             args=(np.array([1.0]), wrong_X, np.array([1, 0, 1, 0, 1, 0])), category="stability",
             atol=1e-300),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n samples of 32 features and l2 = 0.01: the work grows linearly with n."""
    return SizedInput(args=_data(rng, n, 32), kwargs={"l2": 0.01})


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """4n samples of n features: a loop over samples or over features grows with n."""
    return SizedInput(args=_data(rng, 4 * n, n), kwargs={"l2": 0.01})
