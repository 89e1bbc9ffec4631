"""Cases for multi-head-attention: worked examples, one head and D heads, T == 1, the causal
mask, head order through Wo, shapes with T != D, and scores of magnitude 1e3 (with and
without the mask)."""

from typing import Any

import numpy as np

from app.cases import Case, SizedInput


def _weights(rng: np.random.Generator, d: int, scale: float = 1.0) -> tuple[np.ndarray, ...]:
    return tuple(scale * rng.normal(size=(d, d)) / np.sqrt(d) for _ in range(4))


def _case(name: str, x: np.ndarray, weights: tuple[np.ndarray, ...], n_heads: int, causal: bool = False,
          **fields: Any) -> Case:
    return Case(name, args=(x, *weights, n_heads), kwargs={"causal": causal}, **fields)


def _large_scores(rng: np.random.Generator) -> tuple[np.ndarray, tuple[np.ndarray, ...]]:
    """Queries and keys whose dot products, over sqrt(dh), reach about +-1e3 (exp(1e3) overflows)."""
    d = 8
    x = rng.normal(size=(2, 6, d))
    wq = 12.0 * rng.normal(size=(d, d))
    wk = 12.0 * rng.normal(size=(d, d))
    return x, (wq, wk, rng.normal(size=(d, d)), rng.normal(size=(d, d)))


def cases() -> list[Case]:
    rng = np.random.default_rng(20261204)
    eye2 = (np.eye(2),) * 4
    big_x, big_w = _large_scores(rng)
    single = rng.normal(size=(1, 1, 6))
    single_w = _weights(rng, 6)
    return [
        _case("two tokens, one head, causal", np.array([[[1.0, 0.0], [0.0, 1.0]]]), eye2, 1, True,
              visible=True, category="example",
              expected=np.array([[[1.0, 0.0], [0.3302384506733431, 0.6697615493266569]]])),
        _case("three tokens, two heads", rng.normal(size=(1, 3, 4)), _weights(rng, 4), 2, visible=True,
              category="example"),
        _case("T == 1: the output is x @ Wv @ Wo", single, single_w, 3, category="edge",
              expected=single @ single_w[2] @ single_w[3]),
        _case("T == 1, causal", rng.normal(size=(2, 1, 4)), _weights(rng, 4), 2, True, category="edge"),
        _case("one head (n_heads == 1)", rng.normal(size=(2, 5, 6)), _weights(rng, 6), 1, category="edge"),
        _case("heads of width 1 (n_heads == D)", rng.normal(size=(2, 4, 5)), _weights(rng, 5), 5, category="edge"),
        _case("causal mask, four heads", rng.normal(size=(2, 6, 8)), _weights(rng, 8, 2.0), 4, True,
              category="basic"),
        _case("causal mask, one head", rng.normal(size=(1, 5, 4)), _weights(rng, 4, 2.0), 1, True,
              category="basic"),
        _case("head order matters through Wo", rng.normal(size=(1, 4, 6)), _weights(rng, 6, 1.5), 3,
              category="basic"),
        _case("B = 3, T = 5, D = 8, four heads", rng.normal(size=(3, 5, 8)), _weights(rng, 8), 4, category="axis"),
        _case("T = 7, D = 6, three heads, causal", rng.normal(size=(2, 7, 6)), _weights(rng, 6, 2.0), 3, True,
              category="axis"),
        _case("scores of magnitude 1e3", big_x, big_w, 2, category="stability"),
        _case("scores of magnitude 1e3 with the causal mask", big_x, big_w, 2, True, category="stability"),
        _case("random, B = 4, T = 10, D = 12, three heads, causal", rng.normal(size=(4, 10, 12)),
              _weights(rng, 12), 3, True, category="random"),
        _case("random, B = 2, T = 9, D = 16, eight heads", rng.normal(size=(2, 9, 16)), _weights(rng, 16, 2.0), 8,
              category="random"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n sequences of 16 tokens, D = 32 in four heads, causal."""
    return SizedInput(args=(rng.normal(size=(n, 16, 32)), *_weights(rng, 32), 4), kwargs={"causal": True})


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n // 8 sequences of n // 4 tokens in n // 8 heads of width 4: a loop over the batch,
    the heads or the positions runs at least four times as often at the larger size."""
    heads = n // 8
    d = 4 * heads
    return SizedInput(args=(rng.normal(size=(n // 8, n // 4, d)), *_weights(rng, d), heads), kwargs={"causal": True})
