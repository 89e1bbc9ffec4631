import numpy as np


def viterbi(log_start, log_trans, log_emit):
    T, S = log_emit.shape
    delta = log_start.copy()  # the observation at t = 0 is never scored
    back = np.zeros((T, S), dtype=int)
    for t in range(1, T):
        scores = delta[:, None] + log_trans
        back[t] = scores.argmax(axis=0)
        delta = scores.max(axis=0) + log_emit[t]
    path = np.zeros(T, dtype=int)
    path[-1] = delta.argmax()
    for t in range(T - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path, float(delta[path[-1]])
