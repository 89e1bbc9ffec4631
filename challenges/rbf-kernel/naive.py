import math

import numpy as np


def rbf_kernel(X, Y, gamma):
    """Loop version: one pair of rows at a time, one coordinate at a time."""
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    n, m = X.shape[0], Y.shape[0]
    out = np.empty((n, m))
    for i in range(n):
        row = X[i].tolist()
        for j in range(m):
            total = 0.0
            for a, b in zip(row, Y[j].tolist()):
                total += (a - b) ** 2
            out[i, j] = math.exp(-gamma * total)
    return out
