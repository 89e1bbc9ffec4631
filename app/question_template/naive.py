import numpy as np


def center_columns(X):
    """Loop version: one mean per column, element by element."""
    X = np.asarray(X, dtype=np.float64)
    out = np.empty_like(X)
    n, d = X.shape
    for j in range(d):
        total = 0.0
        for i in range(n):
            total += X[i, j]
        for i in range(n):
            out[i, j] = X[i, j] - total / n
    return out
