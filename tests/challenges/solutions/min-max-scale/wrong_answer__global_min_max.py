# rubric: axis_awareness=fail
import numpy as np


def min_max_scale(X):
    lo, hi = X.min(), X.max()
    if hi == lo:
        return np.zeros_like(X)
    return (X - lo) / (hi - lo)
