import numpy as np


def percentile_clip(X, lo, hi):
    """Both percentiles of every column in one call, then a broadcast clip."""
    X = np.asarray(X, dtype=np.float64)
    low, high = np.percentile(X, [lo, hi], axis=0)
    return np.clip(X, low, high)
