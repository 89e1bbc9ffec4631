# rubric: broadcasting=fail
import numpy as np


def manhattan_distances(X, Y):
    n, m = X.shape[0], Y.shape[0]
    left = np.repeat(X, m, axis=0)
    right = np.tile(Y, (n, 1))
    return np.abs(left - right).sum(axis=1).reshape(n, m)
