# rubric: broadcasting=fail
import numpy as np


def min_max_scale(X):
    n = X.shape[0]
    lo = np.repeat(X.min(axis=0)[None, :], n, axis=0)
    hi = np.repeat(X.max(axis=0)[None, :], n, axis=0)
    width = hi - lo
    width[width == 0] = 1.0
    return (X - lo) / width
