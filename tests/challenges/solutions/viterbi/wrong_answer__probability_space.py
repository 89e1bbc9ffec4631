# rubric: numerical_stability=fail
import numpy as np


def viterbi(log_start, log_trans, log_emit):
    # Back to probabilities and products: fine for a few steps, 0 everywhere after a few hundred.
    start, trans, emit = np.exp(log_start), np.exp(log_trans), np.exp(log_emit)
    T, S = emit.shape
    delta = start * emit[0]
    back = np.zeros((T, S), dtype=int)
    for t in range(1, T):
        scores = delta[:, None] * trans
        back[t] = scores.argmax(axis=0)
        delta = scores.max(axis=0) * emit[t]
    path = np.zeros(T, dtype=int)
    path[-1] = delta.argmax()
    for t in range(T - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    with np.errstate(divide="ignore"):
        return path, float(np.log(delta[path[-1]]))
