"""Cases for batch normalization: a hand-worked batch, n != d shapes, ddof=0, eps, a 1e6 offset."""

import numpy as np

from app.cases import Case, SizedInput


def _batch(rng: np.random.Generator, n: int, d: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x = rng.normal(loc=rng.normal(scale=3.0, size=d), scale=rng.uniform(0.5, 2.0, size=d), size=(n, d))
    return x, rng.uniform(0.5, 2.0, size=d), rng.normal(size=d)


def cases() -> list[Case]:
    rng = np.random.default_rng(20261207)
    offset_x, offset_gamma, offset_beta = _batch(rng, 20, 3)
    constant_x, constant_gamma, constant_beta = _batch(rng, 6, 3)
    constant_x[:, 1] = 4.2
    small_x, small_gamma, small_beta = _batch(rng, 10, 2)
    small_x[:, 0] = 1.0 + 1e-3 * rng.normal(size=10)
    return [
        Case(
            "two samples, two features, eps 0",
            # mean [2, 4], var [1, 4] (ddof=0), so x_hat = [[-1, -1], [1, 1]]; then gamma * x_hat + beta.
            args=(np.array([[1.0, 2.0], [3.0, 6.0]]), np.array([2.0, 0.5]), np.array([0.0, 1.0])),
            kwargs={"eps": 0.0},
            visible=True,
            category="example",
            expected=np.array([[-2.0, 0.5], [2.0, 1.5]]),
        ),
        Case(
            "four samples, three features",
            args=(np.array([[1.0, 10.0, -1.0], [2.0, 20.0, 0.0], [3.0, 30.0, 1.0], [6.0, 60.0, 0.0]]),
                  np.ones(3), np.zeros(3)),
            visible=True,
            category="example",
        ),
        Case("more samples than features", args=_batch(rng, 9, 3), category="axis"),
        Case("more features than samples", args=_batch(rng, 3, 8), category="axis"),
        Case("two samples (ddof matters most)", args=_batch(rng, 2, 4), category="edge"),
        Case("single sample returns beta", args=_batch(rng, 1, 5), category="edge"),
        Case("single feature (d == 1)", args=_batch(rng, 7, 1), category="edge"),
        Case("constant feature column", args=(constant_x, constant_gamma, constant_beta), category="edge"),
        Case("small-variance feature (eps dominates)", args=(small_x, small_gamma, small_beta), category="edge"),
        Case("custom eps 0.5", args=_batch(rng, 8, 3), kwargs={"eps": 0.5}, category="basic"),
        Case("features on very different scales",
             args=(rng.normal(size=(12, 4)) * np.array([1e-2, 1.0, 1e2, 1e3]), np.ones(4), np.zeros(4)),
             category="basic"),
        Case("random 64 x 10", args=_batch(rng, 64, 10), category="random"),
        Case("features offset by 1e6", args=(offset_x + 1e6, offset_gamma, offset_beta), category="stability"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n samples and min(n // 4, 64) features, so loops over samples and over features both grow."""
    return SizedInput(args=_batch(rng, n, min(n // 4, 64)))
