import numpy as np


def viterbi(log_start, log_trans, log_emit):
    T, S = log_emit.shape
    delta = log_start + log_emit[0]
    back = np.zeros((T, S), dtype=int)
    for t in range(1, T):
        scores = delta[:, None] + log_trans
        # argmax of the reversed column: the last maximum, so ties go to the larger state.
        back[t] = S - 1 - np.argmax(scores[::-1], axis=0)
        delta = scores.max(axis=0) + log_emit[t]
    path = np.zeros(T, dtype=int)
    path[-1] = S - 1 - np.argmax(delta[::-1])
    for t in range(T - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path, float(delta[path[-1]])
