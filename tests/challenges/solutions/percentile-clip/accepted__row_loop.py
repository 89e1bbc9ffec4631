# rubric: vectorization=fail
import numpy as np


def percentile_clip(X, lo, hi):
    a = np.percentile(X, lo, axis=0)
    b = np.percentile(X, hi, axis=0)
    out = np.empty_like(X)
    for i in range(X.shape[0]):
        out[i] = np.clip(X[i], a, b)
    return out
