import math

import numpy as np


def cosine_distances(X, Y):
    """Loop version: one pair of rows at a time, with the same norm floor of 1e-8."""
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    out = np.empty((X.shape[0], Y.shape[0]))
    for i in range(X.shape[0]):
        norm_x = max(math.sqrt(float(np.dot(X[i], X[i]))), 1e-8)
        for j in range(Y.shape[0]):
            norm_y = max(math.sqrt(float(np.dot(Y[j], Y[j]))), 1e-8)
            out[i, j] = 1.0 - float(np.dot(X[i], Y[j])) / (norm_x * norm_y)
    return out
