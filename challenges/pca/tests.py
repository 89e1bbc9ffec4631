"""Cases for pca: a worked example, the sign rule, k == 1 and k == d, n < d, n == 2, ddof=1,
and the stability probe of columns offset by 1e8 with variances spread over 16 orders of
magnitude. Inputs keep their top k + 1 variances distinct, so the axes are well defined."""

from typing import Any

import numpy as np

from app.cases import Case, SizedInput
from app.grading.compare import compare_outputs

RTOL, ATOL = 1e-6, 1e-8
TIE = 1e-9  # largest absolute entries closer than this cannot be ordered reliably in floating point


def check_pca(expected: tuple[np.ndarray, ...], actual: object, case: Case) -> str | None:
    """Compare all three outputs; `projected` uses the case's atol when it sets one.

    Where the reference's largest absolute entry of a component is tied (within TIE) with
    another of opposite sign, rounding decides which comes "first", so that component (and
    its projected column) is accepted with either sign.
    """
    if not isinstance(actual, (tuple, list)) or len(actual) != 3:
        return f"expected a tuple (components, explained_variance, projected), got {type(actual).__name__}"
    components, variance, projected = expected
    problem = compare_outputs(components, actual[0], rtol=0.0, atol=np.inf, path="[0] (components)")
    problem = problem or compare_outputs(projected, actual[2], rtol=0.0, atol=np.inf, path="[2] (projected)")
    if problem:  # type, shape and finiteness first
        return problem
    got_components, got_projected = np.asarray(actual[0], dtype=np.float64), np.asarray(actual[2], dtype=np.float64)
    signs = np.ones(len(components))
    for row, component in enumerate(components):
        top = np.sort(np.abs(component))[::-1]
        if len(top) > 1 and top[0] - top[1] <= TIE and float(got_components[row] @ component) < 0:
            signs[row] = -1.0
    return (compare_outputs(components, got_components * signs[:, None], rtol=RTOL, atol=ATOL,
                            path="[0] (components)")
            or compare_outputs(variance, actual[1], rtol=RTOL, atol=ATOL, path="[1] (explained_variance)")
            or compare_outputs(projected, got_projected * signs[None, :], rtol=RTOL,
                               atol=case.atol if case.atol is not None else ATOL, path="[2] (projected)"))


def _data(rng: np.random.Generator, n: int, spreads: list[float], offset: float = 0.0) -> np.ndarray:
    """n samples whose variances along random orthogonal axes are spreads ** 2, plus an offset."""
    d = len(spreads)
    axes, _ = np.linalg.qr(rng.normal(size=(d, d)))
    return (rng.normal(size=(n, d)) * np.asarray(spreads)) @ axes.T + offset


def _case(name: str, X: np.ndarray, k: int, **fields: Any) -> Case:
    return Case(name, args=(X, k), check=check_pca, **fields)


def cases() -> list[Case]:
    rng = np.random.default_rng(20261209)
    cross = np.array([[1.0, 0.0], [-1.0, 0.0], [0.0, 0.5], [0.0, -0.5]])
    # The main axis is close to (0.3, -0.9, 0.3): its largest entry is negative until flipped.
    negative_axis = np.array([0.3, -0.9, 0.3]) / np.linalg.norm([0.3, -0.9, 0.3])
    along = rng.normal(size=(40, 1)) * 3.0 * negative_axis + 0.05 * rng.normal(size=(40, 3)) + 2.0
    # The main axis is (1, 1) / sqrt(2): its two largest entries tie with the same sign.
    diagonal = np.outer(rng.normal(size=25) * 2.0, [1.0, 1.0]) + np.outer(rng.normal(size=25) * 0.1, [1.0, -1.0])
    return [
        _case("a cross of four points, k = 2", cross, 2, visible=True, category="example",
              expected=(np.eye(2), np.array([2 / 3, 1 / 6]), cross.copy())),
        _case("noisy points along a line, k = 1", np.outer(np.arange(6.0), [2.0, 1.0])
              + np.array([[0.1, -0.2], [0.0, 0.1], [-0.1, 0.0], [0.2, 0.1], [0.0, -0.1], [-0.1, 0.1]]), 1,
              visible=True, category="example"),
        _case("sign rule: the largest entry of each axis is positive", along, 2, category="edge"),
        _case("sign rule with a tie of the same sign", diagonal, 1, category="edge"),
        _case("k == d", _data(rng, 20, [3.0, 2.0, 1.0, 0.5]), 4, category="edge"),
        _case("k == 1 of 5 features", _data(rng, 30, [4.0, 2.0, 1.5, 1.0, 0.3], offset=-7.0), 1, category="edge"),
        _case("n == 2: one axis, through both points", np.array([[1.0, 2.0, 3.0], [3.0, 1.0, 2.0]]), 1,
              category="edge"),
        _case("explained variance uses ddof=1", _data(rng, 8, [2.0, 1.0, 0.5]), 2, category="basic"),
        _case("n = 30 samples of 6 features, k = 2", _data(rng, 30, [5.0, 3.0, 2.0, 1.0, 0.5, 0.1]), 2,
              category="axis"),
        _case("n < d: 5 samples of 8 features, k = 4", rng.normal(size=(5, 8)) * np.linspace(3.0, 0.5, 8), 4,
              category="axis"),
        _case("columns offset by 1e8, variances from 1e6 down to 1e-10",
              _data(rng, 50, [1e3, 1.0, 1e-3, 1e-4, 1e-5], offset=1e8), 3, category="stability", atol=1e-6),
        _case("random 100 x 10, k = 5", _data(rng, 100, list(np.geomspace(10.0, 0.1, 10)), offset=3.0), 5,
              category="random"),
        _case("random 200 x 4, k = 3", _data(rng, 200, [1.0, 0.8, 0.6, 0.4]), 3, category="random"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n samples of 32 features, k = 4."""
    return SizedInput(args=(_data(rng, n, list(np.geomspace(10.0, 0.1, 32))), 4))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """4n samples of n // 4 features, k = 2: a loop over samples or features grows with n."""
    return SizedInput(args=(_data(rng, 4 * n, list(np.geomspace(10.0, 0.5, n // 4))), 2))
