import numpy as np


def viterbi(log_start, log_trans, log_emit):
    """The most likely state path of a hidden Markov model, and its log-probability.

    log_start: (S,) log P(first state). log_trans: (S, S), log_trans[i, j] = log P(next j | now i).
    log_emit: (T, S), log_emit[t, s] = log P(observation at t | state s).
    Returns (path, score): an int array (T,) and a float. Ties go to the smaller state index.
    """
    raise NotImplementedError
