import math

import numpy as np


def _percentile(ordered, q):
    """Linear interpolation between the two order statistics around rank q/100 * (n - 1)."""
    rank = q / 100 * (len(ordered) - 1)
    below = math.floor(rank)
    above = min(below + 1, len(ordered) - 1)
    weight = rank - below
    return ordered[below] + (ordered[above] - ordered[below]) * weight


def percentile_clip(X, lo, hi):
    """Loop version: sort each column, interpolate both percentiles, clip element by element."""
    X = np.asarray(X, dtype=np.float64)
    n, d = X.shape
    out = np.empty((n, d))
    for j in range(d):
        ordered = sorted(float(X[i, j]) for i in range(n))
        low = _percentile(ordered, lo)
        high = _percentile(ordered, hi)
        for i in range(n):
            out[i, j] = min(max(X[i, j], low), high)
    return out
