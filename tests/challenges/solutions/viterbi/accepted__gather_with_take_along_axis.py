import numpy as np


def viterbi(log_start, log_trans, log_emit):
    steps, states = log_emit.shape
    score = log_start + log_emit[0]
    pointers = []
    for emit in log_emit[1:]:
        through = score[:, None] + log_trans
        best_from = np.argmax(through, axis=0)
        score = np.take_along_axis(through, best_from[None], axis=0)[0] + emit
        pointers.append(best_from)
    state = int(np.argmax(score))
    final = score[state]
    path = [state]
    for best_from in reversed(pointers):
        state = int(best_from[state])
        path.append(state)
    return np.array(path[::-1], dtype=np.int64), float(final)
