import numpy as np


def min_max_scale(X):
    lo = X.min(axis=0)
    hi = X.max(axis=0)
    return np.where(hi == lo, 0.0, (X - lo) / np.where(hi == 0, 1.0, hi))
