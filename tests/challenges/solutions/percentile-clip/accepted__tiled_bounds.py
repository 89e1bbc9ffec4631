# rubric: broadcasting=fail
import numpy as np


def percentile_clip(X, lo, hi):
    n = X.shape[0]
    a = np.tile(np.percentile(X, lo, axis=0), (n, 1))
    b = np.tile(np.percentile(X, hi, axis=0), (n, 1))
    return np.where(X < a, a, np.where(X > b, b, X))
