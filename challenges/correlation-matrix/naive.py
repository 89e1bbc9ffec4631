import math

import numpy as np


def correlation_matrix(X):
    """Loop version: running means over the rows, then sums of centred products pair by pair."""
    X = np.asarray(X, dtype=np.float64)
    n, d = X.shape
    # Summing deviations from the first row keeps the running sum small for offset data.
    shift = X[0].copy()
    total = np.zeros(d)
    low = X[0].copy()
    high = X[0].copy()
    for i in range(n):
        total += X[i] - shift
        low = np.minimum(low, X[i])
        high = np.maximum(high, X[i])
    mean = shift + total / n
    scatter = np.zeros((d, d))
    for i in range(n):
        row = X[i] - mean
        scatter += np.outer(row, row)
    corr = np.eye(d)
    for a in range(d):
        for b in range(d):
            if a != b and low[a] != high[a] and low[b] != high[b]:
                value = scatter[a, b] / math.sqrt(scatter[a, a] * scatter[b, b])
                corr[a, b] = min(1.0, max(-1.0, value))
    return corr
