# rubric: broadcasting=fail
import numpy as np


def rbf_kernel(X, Y, gamma):
    n, m = X.shape[0], Y.shape[0]
    left = np.repeat(X, m, axis=0)
    right = np.tile(Y, (n, 1))
    sq = ((left - right) ** 2).sum(axis=1)
    return np.exp(-gamma * sq).reshape(n, m)
