# rubric: vectorization=fail
import numpy as np


def min_max_scale(X):
    lo = X.min(axis=0)
    width = X.max(axis=0) - lo
    width[width == 0] = 1.0
    out = np.empty_like(X)
    for i in range(len(X)):
        out[i] = (X[i] - lo) / width
    return out
