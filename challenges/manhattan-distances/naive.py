import numpy as np


def manhattan_distances(X, Y):
    """Loop version: one pair of rows at a time, summing coordinate by coordinate."""
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    out = np.zeros((X.shape[0], Y.shape[0]))
    for i in range(X.shape[0]):
        for j in range(Y.shape[0]):
            out[i, j] = float(np.sum(np.abs(X[i] - Y[j])))
    return out
