import numpy as np


def viterbi(log_start, log_trans, log_emit):
    """Log-space dynamic programming: a loop over time (each step needs the last), none over states."""
    log_start = np.asarray(log_start, dtype=np.float64)
    log_trans = np.asarray(log_trans, dtype=np.float64)
    log_emit = np.asarray(log_emit, dtype=np.float64)
    steps, states = log_emit.shape
    best = log_start + log_emit[0]
    back = np.zeros((steps, states), dtype=np.intp)
    for t in range(1, steps):
        candidates = best[:, None] + log_trans  # [from, to]
        back[t] = np.argmax(candidates, axis=0)  # first maximum: the smaller predecessor wins a tie
        best = np.take_along_axis(candidates, back[t][None, :], axis=0)[0] + log_emit[t]
    path = np.zeros(steps, dtype=np.intp)
    path[-1] = np.argmax(best)
    for t in range(steps - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path, float(best[path[-1]])
