# rubric: vectorization=fail
import numpy as np


def manhattan_distances(X, Y):
    n, m = len(X), len(Y)
    out = np.empty((n, m))
    for i in range(n):
        for j in range(m):
            total = 0.0
            for a, b in zip(X[i], Y[j]):
                total += abs(a - b)
            out[i, j] = total
    return out
