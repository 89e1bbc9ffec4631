import math

import numpy as np


def zscore(X):
    """Loop version: element by element, two passes per column (mean, then squared deviations)."""
    X = np.asarray(X, dtype=np.float64)
    n, d = X.shape
    out = np.zeros((n, d))
    for j in range(d):
        low = high = X[0, j]
        # Summing deviations from the first value keeps the sum small for offset data.
        shift = X[0, j]
        total = 0.0
        for i in range(n):
            low = min(low, X[i, j])
            high = max(high, X[i, j])
            total += X[i, j] - shift
        if low == high:
            continue
        mean = shift + total / n
        squares = 0.0
        for i in range(n):
            squares += (X[i, j] - mean) ** 2
        std = math.sqrt(squares / n)
        for i in range(n):
            out[i, j] = (X[i, j] - mean) / std
    return out
