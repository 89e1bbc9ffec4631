import numpy as np


def viterbi(log_start, log_trans, log_emit):
    """Loop version: every time step, every state, every predecessor; strict > keeps the first maximum."""
    steps, states = len(log_emit), len(log_start)
    best = [float(log_start[s]) + float(log_emit[0][s]) for s in range(states)]
    back = []
    for t in range(1, steps):
        new_best, pointers = [], []
        for j in range(states):
            top, arg = float("-inf"), 0
            for i in range(states):
                value = best[i] + float(log_trans[i][j])
                if value > top:
                    top, arg = value, i
            new_best.append(top + float(log_emit[t][j]))
            pointers.append(arg)
        best = new_best
        back.append(pointers)
    last = 0
    for s in range(1, states):
        if best[s] > best[last]:
            last = s
    path = [last]
    for pointers in reversed(back):
        path.append(pointers[path[-1]])
    return np.array(path[::-1], dtype=np.int64), best[last]
