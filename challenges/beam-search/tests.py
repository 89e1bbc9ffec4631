"""Cases for beam-search: a worked example, greedy (beam == 1), beam == V, steps == 1,
ties with whole-number log-probabilities (all equal; a higher-scoring parent against a
lexicographically smaller sequence; ties at the beam's cut), asymmetric transitions and
random models."""

import numpy as np

from app.cases import Case, SizedInput


def _log_softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=-1, keepdims=True))


def _model(rng: np.random.Generator, vocab: int) -> tuple[np.ndarray, np.ndarray]:
    return _log_softmax(2.0 * rng.normal(size=vocab)), _log_softmax(2.0 * rng.normal(size=(vocab, vocab)))


def _whole(rng: np.random.Generator, vocab: int, low: int = -4) -> tuple[np.ndarray, np.ndarray]:
    """Whole-number log-probabilities: many exact ties."""
    return (rng.integers(low, 1, size=vocab).astype(np.float64),
            rng.integers(low, 1, size=(vocab, vocab)).astype(np.float64))


def cases() -> list[Case]:
    rng = np.random.default_rng(20261205)
    start = np.log(np.array([0.5, 0.3, 0.2]))
    trans = np.log(np.array([[0.1, 0.1, 0.8], [0.6, 0.2, 0.2], [0.3, 0.3, 0.4]]))
    # After step 0 the beam is [(1,) score 0, (0,) score -1]. Step 1 has three candidates at -3:
    # (1, 0) and (1, 2) from the better parent, (0, 0) from the worse one. The lexicographic
    # rule keeps (0, 0) then (1, 0); ordering by parent first would keep (1, 0), (1, 2).
    parent_start = np.array([-1.0, 0.0, -9.0])
    parent_trans = np.array([[-2.0, -9.0, -9.0], [-3.0, -9.0, -3.0], [-9.0, -9.0, -9.0]])
    asym_start = np.array([-2.0, -1.0, -3.0, -2.0])
    asym_trans = np.array([[-5.0, -1.0, -4.0, -2.0], [-3.0, -6.0, -1.0, -2.0],
                           [-1.0, -2.0, -7.0, -3.0], [-2.0, -4.0, -1.0, -6.0]])
    return [
        Case("three tokens, two steps, beam 2", args=(start, trans, 2, 2), visible=True, category="example",
             expected=(np.array([[0, 2], [1, 0]]), np.log(np.array([0.4, 0.18])))),
        Case("greedy (beam == 1)", args=(start, trans, 4, 1), visible=True, category="example"),
        Case("steps == 1: the best first tokens", args=(*_model(rng, 6), 1, 3), category="edge"),
        Case("beam == V", args=(*_model(rng, 4), 3, 4), category="edge"),
        Case("all log-probabilities equal: the lexicographically smallest sequences",
             args=(np.zeros(3), np.zeros((3, 3)), 3, 4), category="edge",
             expected=(np.array([[0, 0, 0], [0, 0, 1], [0, 0, 2], [0, 1, 0]]), np.zeros(4))),
        Case("a higher-scoring parent ties with a lexicographically smaller sequence",
             args=(parent_start, parent_trans, 2, 2), category="edge",
             expected=(np.array([[0, 0], [1, 0]]), np.array([-3.0, -3.0]))),
        Case("ties at the beam's cut, whole-number log-probs, 5 tokens, beam 3, 5 steps",
             args=(*_whole(rng, 5, -2), 5, 3), category="edge"),
        Case("ties, whole-number log-probs, 6 tokens, beam 4, 4 steps", args=(*_whole(rng, 6), 4, 4),
             category="edge"),
        Case("ties in greedy decoding: the smaller token", args=(np.array([-1.0, 0.0, 0.0]),
             np.array([[0.0, 0.0, -1.0], [-2.0, -1.0, -1.0], [-1.0, -1.0, -2.0]]), 3, 1), category="edge"),
        Case("asymmetric transitions: rows are the previous token", args=(asym_start, asym_trans, 3, 2),
             category="axis"),
        Case("beam 3 of 5 tokens over 4 steps", args=(*_model(rng, 5), 4, 3), category="axis"),
        Case("random model, 10 tokens, beam 4, 6 steps", args=(*_model(rng, 10), 6, 4), category="random"),
        Case("random model, 30 tokens, beam 8, 5 steps", args=(*_model(rng, 30), 5, 8), category="random"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """A vocabulary of n tokens, beam 8, 8 steps."""
    return SizedInput(args=(*_model(rng, n), 8, 8))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n tokens and a beam of n // 4, over 4 steps: a loop over beams or tokens grows with n."""
    return SizedInput(args=(*_model(rng, n), 4, n // 4))
