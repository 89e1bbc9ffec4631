"""Cases for top-p-filter: worked examples, ties cut by index, p == 1 exactly, tiny p, 2-D and
3-D batches, and logits of +-1000.

Every case keeps the cumulative totals at least 1e-9 away from p (checked by
`_margin_from_p` when the cases are built), so rounding never decides which tokens are kept.
"""

from typing import Any

import numpy as np

from app.cases import Case, SizedInput

MARGIN = 1e-9


def _margin_from_p(logits: np.ndarray, p: float) -> float:
    """The smallest distance between p and any cumulative total of the ranked probabilities."""
    rows = np.asarray(logits, dtype=np.float64).reshape(-1, np.shape(logits)[-1])
    ranked = -np.sort(-rows, axis=-1)
    probs = np.exp(ranked - ranked[:, :1])
    totals = np.cumsum(probs / probs.sum(axis=-1, keepdims=True), axis=-1)
    return float(np.min(np.abs(totals[:, :-1] - p))) if totals.shape[1] > 1 else 1.0


def _case(name: str, logits: np.ndarray, p: float, **fields: Any) -> Case:
    if p < 1 and _margin_from_p(logits, p) < MARGIN:
        raise ValueError(f"case {name!r}: a cumulative total lies within {MARGIN} of p = {p}")
    return Case(name, args=(logits, p), **fields)


def _peaked(rng: np.random.Generator, shape: tuple[int, ...], scale: float = 3.0) -> np.ndarray:
    return rng.normal(size=shape) * scale


def cases() -> list[Case]:
    rng = np.random.default_rng(20261206)
    example = np.log(np.array([0.1, 0.5, 0.15, 0.25]))
    return [
        _case("four tokens, p = 0.7", example, 0.7, visible=True, category="example",
              expected=np.array([-np.inf, example[1], -np.inf, example[3]])),
        _case("a tie is cut in index order", np.array([1.0, 3.0, 1.0, 1.0, 0.0]), 0.75, visible=True,
              category="example", expected=np.array([1.0, 3.0, -np.inf, -np.inf, -np.inf])),
        _case("p == 1 keeps every token, even those of probability 0",
              np.array([0.0, 0.0, -50.0, -60.0, -800.0]), 1.0, category="edge"),
        _case("a tiny p keeps only the most probable token", _peaked(rng, (12,)), 1e-9, category="edge"),
        _case("the most probable token alone is enough", np.array([5.0, 0.0, 0.0, 0.0]), 0.9, category="edge"),
        _case("equal logits: the smaller indices are kept", np.zeros(8), 0.3, category="edge"),
        _case("equal top logits, p just above one of them", np.array([2.0, 0.0, 2.0, 2.0, -1.0]), 0.35,
              category="edge"),
        _case("a single-token vocabulary", np.array([[0.3], [-2.0]]), 0.5, category="edge"),
        _case("2-D: each row is filtered on its own", _peaked(rng, (4, 9)), 0.8, category="basic"),
        _case("3-D input (batch, position, vocabulary)", _peaked(rng, (2, 3, 7)), 0.6, category="axis"),
        _case("more rows than tokens", _peaked(rng, (10, 3)), 0.75, category="axis"),
        _case("p close to 1", _peaked(rng, (3, 40)), 0.999, category="basic"),
        _case("flat random logits, p = 0.5", rng.normal(size=(5, 30)) * 0.1, 0.5, category="random"),
        _case("random 8 x 200, p = 0.9", _peaked(rng, (8, 200)), 0.9, category="random"),
        _case("logits near 1000", np.array([[1000.0, 999.0, 998.0, 990.0, 1000.5], [1000.0, 1000.0, 1000.0, 999.0,
                                                                                      0.0]]),
              0.9, category="stability"),
        _case("logits near -1000", np.array([-1000.0, -1001.0, -1003.0, -1000.2]), 0.6, category="stability"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n rows over a vocabulary of 1024, p = 0.9."""
    return SizedInput(args=(_peaked(rng, (n, 1024)), 0.9))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n rows of n tokens: a loop over rows or over tokens grows with n."""
    return SizedInput(args=(_peaked(rng, (n, n)), 0.9))
