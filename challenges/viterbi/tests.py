"""Cases for viterbi: the textbook example, forbidden transitions (-inf), np.argmax's tie rule for
predecessors and for the final state, T == 1, S == 1, and a sequence whose probability underflows."""

import numpy as np

from app.cases import Case, SizedInput

NEG_INF = -np.inf


def _log(values: list[list[float]] | list[float]) -> np.ndarray:
    with np.errstate(divide="ignore"):  # log(0) = -inf marks an impossible start, move or emission
        return np.log(np.array(values, dtype=np.float64))


def _random_hmm(rng: np.random.Generator, steps: int, states: int, forbidden: float = 0.0) -> tuple[np.ndarray, ...]:
    """Normalised random log-probabilities; a fraction of the moves forbidden, staying put always allowed."""
    start = rng.dirichlet(np.ones(states))
    trans = rng.dirichlet(np.ones(states), size=states)
    emit = rng.dirichlet(np.ones(states), size=steps)
    log_trans = np.log(trans)
    log_trans[(rng.random((states, states)) < forbidden) & ~np.eye(states, dtype=bool)] = NEG_INF
    return np.log(start), log_trans, np.log(emit)


def _integer_hmm(rng: np.random.Generator, steps: int, states: int) -> tuple[np.ndarray, ...]:
    """Small negative integers: every sum is exact, so equal totals really are ties."""
    return (-rng.integers(0, 3, size=states).astype(np.float64),
            -rng.integers(0, 3, size=(states, states)).astype(np.float64),
            -rng.integers(0, 3, size=(steps, states)).astype(np.float64))


def cases() -> list[Case]:
    rng = np.random.default_rng(20261204)
    # Rainy (0) / sunny (1); observations walk, shop, clean.
    weather = (_log([0.6, 0.4]), _log([[0.7, 0.3], [0.4, 0.6]]), _log([[0.1, 0.6], [0.4, 0.3], [0.5, 0.1]]))
    # Every path starts in state 0, and 0 -> 1 is forbidden: the best path reaches the
    # well-emitting state 1 through state 2.
    detour = (np.array([0.0, NEG_INF, NEG_INF]),
              np.array([[-0.1, NEG_INF, -1.0], [NEG_INF, -0.1, -3.0], [NEG_INF, -0.2, -0.3]]),
              np.array([[-0.1, -1.0, -1.0], [-2.0, -0.1, -1.5], [-3.0, -0.1, -2.0], [-3.0, -0.1, -2.0]]))
    # At t = 1, state 1's best predecessor is a tie between states 0 and 1 (both total 0).
    predecessor_tie = (np.array([0.0, 0.0, -5.0]), np.zeros((3, 3)), np.array([[0.0, 0.0, 0.0], [-1.0, 0.0, -1.0]]))
    # Final scores tie between states 0 and 2 after different histories.
    final_tie = (np.array([-1.0, 0.0, -2.0]), np.array([[0.0, -3.0, -1.0], [-1.0, -2.0, 0.0], [-4.0, -1.0, 0.0]]),
                 np.array([[0.0, 0.0, 0.0], [0.0, -1.0, -1.0]]))
    asymmetric = (np.array([0.0, -2.0, -2.0]),
                  _log([[0.1, 0.9, 0.0], [0.0, 0.1, 0.9], [0.9, 0.0, 0.1]]),
                  _log([[0.8, 0.1, 0.1], [0.3, 0.4, 0.3], [0.3, 0.3, 0.4], [0.4, 0.3, 0.3], [0.1, 0.5, 0.4]]))
    silent_state = (np.zeros(3), _log([[0.5, 0.5, 0.0], [0.2, 0.3, 0.5], [0.1, 0.1, 0.8]]),
                    np.array([[-1.0, NEG_INF, -2.0], [NEG_INF, -0.5, -0.1], [-0.3, NEG_INF, -0.2]]))
    long_start, long_trans, long_emit = _random_hmm(rng, 1000, 4)
    return [
        Case("rainy or sunny: walk, shop, clean", args=weather, visible=True, category="example",
             expected=(np.array([1, 0, 0]), float(np.log(0.01344)))),
        Case("forbidden transitions force a detour", args=detour, visible=True, category="example",
             expected=(np.array([0, 2, 1, 1]), -3.1)),
        Case("a single time step (T == 1)", args=(np.array([-1.0, -0.2, -3.0]), np.zeros((3, 3)),
                                                  np.array([[-1.0, -1.5, 0.0]])), category="edge"),
        Case("a single state (S == 1)", args=(np.array([0.0]), np.array([[-0.5]]), np.full((6, 1), -1.0)),
             category="edge", expected=(np.zeros(6, dtype=np.int64), -8.5)),
        Case("tied predecessors: the smaller state wins", args=predecessor_tie, category="edge",
             expected=(np.array([0, 1]), 0.0)),
        Case("tied final states: the smaller state wins", args=final_tie, category="edge"),
        Case("a single step with a tie", args=(np.array([-1.0, -1.0, -2.0]), np.zeros((3, 3)), np.zeros((1, 3))),
             category="edge", expected=(np.array([0]), -1.0)),
        Case("everything equal: the path of zeros", args=(np.zeros(4), np.zeros((4, 4)), np.zeros((5, 4))),
             category="edge", expected=(np.zeros(5, dtype=np.int64), 0.0)),
        Case("impossible start states", args=(np.array([NEG_INF, 0.0, NEG_INF]), np.zeros((3, 3)),
                                             np.array([[0.0, -1.0, 0.0], [0.0, -2.0, -1.0]])), category="edge"),
        Case("a state that can never emit", args=silent_state, category="edge"),
        Case("transitions are [from, to]: an asymmetric matrix", args=asymmetric, category="axis"),
        Case("more states than steps", args=_random_hmm(rng, 3, 10), category="axis"),
        Case("integer log-probabilities full of ties", args=_integer_hmm(rng, 30, 5), category="edge"),
        Case("integer log-probabilities, 8 states", args=_integer_hmm(rng, 60, 8), category="edge"),
        Case("random 50 steps x 6 states", args=_random_hmm(rng, 50, 6), category="random"),
        Case("random with a third of the moves forbidden", args=_random_hmm(rng, 80, 7, forbidden=0.35),
             category="random"),
        Case("1000 steps: the path probability underflows float64", args=(long_start, long_trans, long_emit),
             category="stability"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """T = n time steps over 32 states: the allowed loop over time grows, nothing else."""
    return SizedInput(args=_random_hmm(rng, n, 32, forbidden=0.2))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n states and a fixed 8 time steps: a loop over states (or pairs of states) grows with n."""
    return SizedInput(args=_random_hmm(rng, 8, n, forbidden=0.2))
