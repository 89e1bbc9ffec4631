"""Cases for attention: worked examples, shape mix-ups (t != s, d != e, b > 1) and huge scores."""

import numpy as np

from app.cases import Case, SizedInput


def _near(rng: np.random.Generator, shape: tuple[int, ...], centre: float, spread: float) -> np.ndarray:
    return centre + spread * rng.normal(size=shape)


def cases() -> list[Case]:
    rng = np.random.default_rng(20261117)
    # Large scores: queries and keys all near +30 (or keys near -30) with d = 4, so every
    # score is about +-30 * 30 * 4 / 2 = +-1800 while the scores of one query still differ
    # by a few units, giving a non-trivial softmax. exp(1800) overflows; exp(-1800) is 0.
    big_q = _near(rng, (2, 3, 4), 30.0, 0.05)
    mixed_k = np.concatenate([_near(rng, (1, 5, 4), 30.0, 0.05), _near(rng, (1, 5, 4), -30.0, 0.05)])
    return [
        Case(
            "one query, two keys: weights 0.5 / 0.5",
            args=(
                np.array([[[1.0, 0.0]]]),
                np.array([[[1.0, 1.0], [1.0, -1.0]]]),
                np.array([[[2.0, 0.0, 4.0], [0.0, 2.0, -4.0]]]),
            ),
            visible=True,
            category="example",
            expected=np.array([[[1.0, 1.0, 0.0]]]),
        ),
        Case(
            "two queries, three keys",
            args=(
                np.array([[[1.0, 0.0], [0.0, 2.0]]]),
                np.array([[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]]),
                np.array([[[1.0], [2.0], [3.0]]]),
            ),
            visible=True,
            category="example",
        ),
        Case(
            "single key returns its value",
            args=(rng.normal(size=(2, 3, 4)), rng.normal(size=(2, 1, 4)), rng.normal(size=(2, 1, 5))),
            category="edge",
        ),
        Case(
            "identical keys give the mean value",
            args=(rng.normal(size=(1, 2, 3)), np.ones((1, 4, 3)), rng.normal(size=(1, 4, 2))),
            category="edge",
        ),
        Case(
            "one query, seven keys",
            args=(rng.normal(size=(1, 1, 3)), rng.normal(size=(1, 7, 3)), rng.normal(size=(1, 7, 4))),
            category="axis",
        ),
        Case(
            "t > s: six queries, two keys",
            args=(rng.normal(size=(2, 6, 3)), rng.normal(size=(2, 2, 3)), rng.normal(size=(2, 2, 3))),
            category="axis",
        ),
        Case(
            "batch of 3, t = 4, s = 6, d = 5, e = 2",
            args=(rng.normal(size=(3, 4, 5)), rng.normal(size=(3, 6, 5)), rng.normal(size=(3, 6, 2))),
            category="axis",
        ),
        Case(
            "d = 16 scaling matters",
            args=(2 * rng.normal(size=(2, 5, 16)), 2 * rng.normal(size=(2, 8, 16)), rng.normal(size=(2, 8, 3))),
            category="basic",
        ),
        Case(
            "random, b = 4, t = 12, s = 20, d = 8, e = 6",
            args=(rng.normal(size=(4, 12, 8)), rng.normal(size=(4, 20, 8)), rng.normal(size=(4, 20, 6))),
            category="random",
        ),
        Case(
            "large positive scores (~1800)",
            args=(big_q, _near(rng, (2, 5, 4), 30.0, 0.05), rng.normal(size=(2, 5, 3))),
            category="stability",
        ),
        Case(
            "large negative scores (~-1800)",
            args=(big_q, _near(rng, (2, 5, 4), -30.0, 0.05), rng.normal(size=(2, 5, 3))),
            category="stability",
        ),
        Case(
            "large scores of opposite sign in two batches",
            args=(big_q, mixed_k, rng.normal(size=(2, 5, 3))),
            category="stability",
        ),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """A batch of n sequences, each 8 queries by 8 keys with d = e = 8: the batch grows with n."""
    return SizedInput(args=(rng.normal(size=(n, 8, 8)), rng.normal(size=(n, 8, 8)), rng.normal(size=(n, 8, 8))))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n // 8 sequences of n queries and n keys: a loop over the batch, queries or keys grows with n."""
    b = max(2, n // 8)
    return SizedInput(args=(rng.normal(size=(b, n, 8)), rng.normal(size=(b, n, 8)), rng.normal(size=(b, n, 4))))
