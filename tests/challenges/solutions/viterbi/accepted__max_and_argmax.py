import numpy as np


def viterbi(log_start, log_trans, log_emit):
    T, S = log_emit.shape
    delta = log_start + log_emit[0]
    psi = np.zeros((T, S), dtype=int)
    for t in range(1, T):
        scores = delta[:, None] + log_trans
        psi[t] = scores.argmax(axis=0)
        delta = scores.max(axis=0) + log_emit[t]
    path = [int(delta.argmax())]
    for t in range(T - 1, 0, -1):
        path.append(int(psi[t, path[-1]]))
    return np.array(path[::-1]), float(delta.max())
