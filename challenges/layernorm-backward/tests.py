"""Cases for layernorm-backward: a worked example, D == 1, N == 1, shapes with N != D, a
custom eps, and the stability probe of rows offset by 1e6 with a spread of 1e-2."""

import numpy as np

from app.cases import Case, SizedInput


def _case(name, dout, x, gamma, **fields):
    kwargs = fields.pop("kwargs", {})
    return Case(name, args=(dout, x, gamma), kwargs=kwargs, **fields)


def cases() -> list[Case]:
    rng = np.random.default_rng(20261203)

    def normal(*shape):
        return rng.normal(size=shape)

    far_rows = 1e6 + 1e-2 * normal(6, 10) + rng.integers(-3, 4, size=(6, 1))
    return [
        _case("two features, eps = 0", np.array([[1.0, 0.0]]), np.array([[1.0, 3.0]]), np.ones(2),
              kwargs={"eps": 0.0}, visible=True, category="example",
              expected=(np.array([[0.0, 0.0]]), np.array([-1.0, 0.0]), np.array([1.0, 0.0]))),
        _case("three rows of four features", normal(3, 4), normal(3, 4), normal(4), visible=True, category="example"),
        _case("D == 1: dx is zero", normal(5, 1), normal(5, 1), normal(1), category="edge"),
        _case("N == 1", normal(1, 6), normal(1, 6), normal(6), category="edge"),
        _case("N != D: 3 rows of 7 features", normal(3, 7), normal(3, 7), normal(7), category="axis"),
        _case("N != D: 9 rows of 2 features", normal(9, 2), normal(9, 2), normal(2), category="axis"),
        _case("gamma of ones, dout of ones: dx is zero", np.ones((4, 5)), normal(4, 5), np.ones(5), category="edge"),
        _case("eps = 0.1 changes the scale", normal(4, 6), normal(4, 6), normal(6), kwargs={"eps": 0.1},
              category="basic"),
        _case("a constant row (variance 0, only eps)", normal(2, 4),
              np.array([[2.0, 2.0, 2.0, 2.0], [1.0, 2.0, 3.0, 4.0]]), normal(4), category="edge"),
        _case("rows on very different scales", normal(4, 5), normal(4, 5) * np.array([[1e-3], [1.0], [1e3], [10.0]]),
              normal(5), category="basic"),
        _case("rows offset by 1e6 with spread 1e-2", normal(6, 10), far_rows, normal(10), category="stability",
              rtol=1e-5, atol=1e-5),
        _case("random 32 x 16", normal(32, 16), 3.0 + 2.0 * normal(32, 16), normal(16), category="random"),
        _case("random 7 x 50", normal(7, 50), normal(7, 50), 1.0 + 0.1 * normal(50), category="random"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n rows of 64 features."""
    return SizedInput(args=(rng.normal(size=(n, 64)), rng.normal(size=(n, 64)), rng.normal(size=64)))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n rows of n features: a loop over rows or over features grows with n."""
    return SizedInput(args=(rng.normal(size=(n, n)), rng.normal(size=(n, n)), rng.normal(size=n)))
