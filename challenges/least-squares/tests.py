"""Cases for least-squares: exact and noisy fits, n == d, d == 1, and two cond ~1e7 stability probes."""

from functools import partial

import numpy as np

from app.cases import Case, SizedInput
from app.grading.compare import compare_outputs

NORMWISE_RTOL = 1e-6


def _close_to_truth(expected: object, actual: object, case: Case, *, w_true: np.ndarray) -> str | None:
    """Normwise check against the known solution: ||w - w_true|| / ||w_true|| <= 1e-6.

    Elementwise tolerances are the wrong yardstick for an ill-conditioned problem: what a
    stable method guarantees is a small error in norm, about cond(X) * machine epsilon.
    """
    # Infinite atol: this only checks the type, shape, dtype and finiteness of the answer.
    problem = compare_outputs(expected, actual, rtol=0.0, atol=np.inf)
    if problem:
        return problem
    error = float(np.linalg.norm(np.asarray(actual) - w_true) / np.linalg.norm(w_true))
    if error <= NORMWISE_RTOL:
        return None
    return (
        f"relative error ||w - w_true|| / ||w_true|| is {error:.2g}, more than {NORMWISE_RTOL:g}: "
        "the normal equations square the condition number; use a QR- or SVD-based solver"
    )


def _ill_conditioned(rng: np.random.Generator, n: int, d: int, cond: float) -> np.ndarray:
    """X = U diag(s) V^T with singular values spread evenly (in log scale) from 1 down to 1/cond."""
    left, _ = np.linalg.qr(rng.normal(size=(n, d)))
    right, _ = np.linalg.qr(rng.normal(size=(d, d)))
    return (left * np.logspace(0, -np.log10(cond), d)) @ right.T


def _probe(name: str, X: np.ndarray, w_true: np.ndarray) -> Case:
    return Case(name, args=(X, X @ w_true), category="stability", check=partial(_close_to_truth, w_true=w_true))


def cases() -> list[Case]:
    rng = np.random.default_rng(20260313)
    square = rng.normal(size=(5, 5))
    tall = rng.normal(size=(40, 4))
    noisy = rng.normal(size=(200, 6))
    polynomial = np.vander(np.linspace(1.0, 2.0, 60), 7, increasing=True)  # cond(X) ~ 1e7
    return [
        Case(
            "a line through three collinear points",
            args=(np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]]), np.array([1.0, 3.0, 5.0])),
            visible=True,
            category="example",
            expected=np.array([1.0, 2.0]),
        ),
        Case(
            "best line through four noisy points",
            args=(np.array([[1.0, 1.0], [1.0, 2.0], [1.0, 3.0], [1.0, 4.0]]), np.array([6.0, 5.0, 7.0, 10.0])),
            visible=True,
            category="example",
            expected=np.array([3.5, 1.4]),
        ),
        Case("square system (n == d)", args=(square, rng.normal(size=5)), category="edge"),
        Case("single feature (d == 1)", args=(rng.normal(size=(12, 1)), rng.normal(size=12)), category="edge"),
        Case("intercept only: w is the mean of y", args=(np.ones((9, 1)), rng.normal(size=9)), category="edge"),
        Case("y all zeros gives w = 0", args=(rng.normal(size=(10, 3)), np.zeros(10)), category="edge"),
        Case("exact fit, no noise", args=(tall, tall @ np.array([2.0, -1.0, 0.5, 3.0])), category="basic"),
        Case("tall system with noise (n = 200, d = 6)", args=(noisy, noisy @ rng.normal(size=6) + rng.normal(size=200)),
             category="random"),
        Case("many features (n = 120, d = 40)", args=(rng.normal(size=(120, 40)), rng.normal(size=120)),
             category="random"),
        _probe("ill-conditioned X (cond 1e7), y = X @ w_true", _ill_conditioned(rng, 80, 6, 1e7),
               rng.normal(size=6)),
        _probe("polynomial features on [1, 2] (cond ~1e7), y = X @ w_true", polynomial, rng.normal(size=7)),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n samples of 8 features: the rows grow with n, the unknowns stay 8."""
    X = rng.normal(size=(n, 8))
    return SizedInput(args=(X, X @ rng.normal(size=8) + rng.normal(size=n)))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n samples of n // 4 features: a loop over samples or over features grows with n."""
    X = rng.normal(size=(n, n // 4))
    return SizedInput(args=(X, X @ rng.normal(size=n // 4)))
