"""Cases for gradient descent: a hand-worked step, n != d shapes, and the bias update."""

import numpy as np

from app.cases import Case, SizedInput


def _regression(rng: np.random.Generator, n: int, d: int, intercept: float = 0.5) -> tuple[np.ndarray, np.ndarray]:
    X = rng.normal(size=(n, d))
    y = X @ rng.normal(size=d) + intercept + 0.1 * rng.normal(size=n)
    return X, y


def cases() -> list[Case]:
    rng = np.random.default_rng(20261206)
    line_x = np.arange(5.0).reshape(5, 1)
    return [
        Case(
            "one step by hand",
            # r = -y = [-1, -2, -3]; X.T @ r = [-4, -7]; w = -0.1 * (2/3) * [-4, -7]; b = -0.1 * (2/3) * -6.
            args=(np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]]), np.array([1.0, 2.0, 3.0]), 0.1, 1),
            visible=True,
            category="example",
            expected=(np.array([0.26666666666666666, 0.4666666666666667]), 0.4),
        ),
        Case("fitting the line y = 2x + 1", args=(line_x, 2.0 * line_x[:, 0] + 1.0, 0.05, 200), visible=True,
             category="example"),
        Case("zero steps returns the starting point", args=(*_regression(rng, 4, 3), 0.1, 0), category="edge",
             expected=(np.zeros(3), 0.0)),
        Case("zero learning rate", args=(*_regression(rng, 5, 2), 0.0, 10), category="edge"),
        Case("two steps", args=(*_regression(rng, 6, 2), 0.1, 2), category="basic"),
        Case("single feature (d == 1)", args=(*_regression(rng, 10, 1), 0.1, 25), category="edge"),
        Case("single sample (n == 1)", args=(np.array([[1.0, -2.0, 0.5]]), np.array([3.0]), 0.05, 15),
             category="edge"),
        Case("more samples than features", args=(*_regression(rng, 40, 3), 0.05, 100), category="axis"),
        Case("more features than samples", args=(*_regression(rng, 4, 9), 0.02, 50), category="axis"),
        Case("square X (n == d)", args=(*_regression(rng, 6, 6), 0.02, 30), category="axis"),
        Case("large intercept", args=(*_regression(rng, 30, 2, intercept=50.0), 0.1, 100), category="basic"),
        Case("integer X and y", args=(rng.integers(-3, 4, size=(8, 3)), rng.integers(-5, 6, size=8), 0.01, 20),
             category="edge"),
        Case("long run converges", args=(*_regression(rng, 40, 4), 0.1, 300), category="random"),
        Case("random 200 x 12", args=(*_regression(rng, 200, 12), 0.05, 60), category="random"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n samples and min(n // 4, 64) features, with `steps` fixed at 20 so only data loops grow."""
    X, y = _regression(rng, n, min(n // 4, 64))
    return SizedInput(args=(X, y, 0.01, 20))
