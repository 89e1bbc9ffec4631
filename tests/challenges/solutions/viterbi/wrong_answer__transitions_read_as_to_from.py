import numpy as np


def viterbi(log_start, log_trans, log_emit):
    T, S = log_emit.shape
    delta = log_start + log_emit[0]
    back = np.zeros((T, S), dtype=int)
    for t in range(1, T):
        scores = delta[None, :] + log_trans  # rows taken as the destination: log_trans read as [to, from]
        back[t] = scores.argmax(axis=1)
        delta = scores.max(axis=1) + log_emit[t]
    path = np.zeros(T, dtype=int)
    path[-1] = delta.argmax()
    for t in range(T - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path, float(delta[path[-1]])
