"""Cases for forward-pass: shape chaining with d, h, c all different, n = 1, and dead ReLU units."""

import numpy as np

from app.cases import Case, SizedInput


def _network(rng: np.random.Generator, n: int, d: int, h: int, c: int) -> tuple[np.ndarray, ...]:
    return (
        rng.normal(size=(n, d)),
        rng.normal(size=(d, h)) / np.sqrt(d),
        rng.normal(size=h),
        rng.normal(size=(h, c)) / np.sqrt(h),
        rng.normal(size=c),
    )


def cases() -> list[Case]:
    rng = np.random.default_rng(20260312)
    # Hand-worked: hidden pre-activations are [[1, -1, 1], [-1, -1, 3]] (bias included), so
    # relu gives [[1, 0, 1], [0, 0, 3]], and the output layer sums pairs of units plus b2.
    example_x = np.array([[1.0, 2.0], [-1.0, 2.0]])
    example_w1 = np.array([[1.0, 0.0, -1.0], [0.0, 1.0, 1.0]])
    example_b1 = np.array([0.0, -3.0, 0.0])
    example_w2 = np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    example_b2 = np.array([0.5, 1.0])
    dead = list(_network(rng, 6, 4, 5, 3))
    dead[2] = np.full(5, -50.0)  # every hidden unit is negative: the logits are just b2
    negative = list(_network(rng, 5, 3, 4, 3))
    negative[4] = np.array([-20.0, -30.0, 2.0])  # two classes with clearly negative logits
    return [
        Case(
            "two samples, hand-worked",
            args=(example_x, example_w1, example_b1, example_w2, example_b2),
            visible=True,
            category="example",
            expected=np.array([[1.5, 2.0], [0.5, 4.0]]),
        ),
        Case("three samples, small random network", args=_network(rng, 3, 4, 5, 2), visible=True,
             category="example"),
        Case("single sample (n = 1)", args=_network(rng, 1, 6, 8, 3), category="edge"),
        Case("d, h and c all different (shape chaining)", args=_network(rng, 7, 5, 11, 3), category="axis"),
        Case("square everything (n = d = h = c)", args=_network(rng, 6, 6, 6, 6), category="basic"),
        Case("one output class (c = 1)", args=_network(rng, 9, 4, 6, 1), category="edge"),
        Case("one hidden unit (h = 1)", args=_network(rng, 8, 5, 1, 4), category="edge"),
        Case("all hidden units inactive", args=tuple(dead), category="edge"),
        Case("negative logits stay negative", args=tuple(negative), category="basic"),
        Case("hidden layer narrower than the input (h < d)", args=_network(rng, 10, 20, 4, 7), category="axis"),
        Case("bias broadcast over 200 samples", args=_network(rng, 200, 16, 32, 10), category="broadcasting"),
        Case("random batch of 500", args=_network(rng, 500, 12, 24, 5), category="random"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """A batch of n samples through a 32 -> 64 -> 10 network: the work grows linearly with n."""
    return SizedInput(args=_network(rng, n, 32, 64, 10))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n samples, n features, n hidden units, 10 classes: loops over samples or units grow with n."""
    return SizedInput(args=(rng.normal(size=(n, n)), rng.normal(size=(n, n)), rng.normal(size=n),
                            rng.normal(size=(n, 10)), rng.normal(size=10)))
