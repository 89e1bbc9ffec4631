# rubric: vectorization=fail
import numpy as np


def viterbi(log_start, log_trans, log_emit):
    T, S = log_emit.shape
    delta = log_start + log_emit[0]
    back = np.zeros((T, S), dtype=int)
    for t in range(1, T):
        new = np.empty(S)
        for j in range(S):  # one state at a time: the max over predecessors is vectorized, the states are not
            column = delta + log_trans[:, j]
            back[t, j] = np.argmax(column)
            new[j] = column[back[t, j]] + log_emit[t, j]
        delta = new
    path = np.zeros(T, dtype=int)
    path[-1] = np.argmax(delta)
    for t in range(T - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path, float(delta[path[-1]])
