import numpy as np


def min_max_scale(X):
    """Loop version: find each column's min and max element by element, then rescale."""
    X = np.asarray(X, dtype=np.float64)
    n, d = X.shape
    out = np.zeros((n, d))
    for j in range(d):
        low = high = X[0, j]
        for i in range(n):
            low = min(low, X[i, j])
            high = max(high, X[i, j])
        if high == low:
            continue
        for i in range(n):
            out[i, j] = (X[i, j] - low) / (high - low)
    return out
