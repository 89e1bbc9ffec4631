import numpy as np


def covariance_matrix(X):
    """Loop version: two passes over the rows, a running mean, then a sum of outer products."""
    X = np.asarray(X, dtype=np.float64)
    n, d = X.shape
    # Summing deviations from the first row keeps the running sum small for offset data.
    shift = X[0].copy()
    total = np.zeros(d)
    for i in range(n):
        total += X[i] - shift
    mean = shift + total / n
    scatter = np.zeros((d, d))
    for i in range(n):
        row = X[i] - mean
        scatter += np.outer(row, row)
    return scatter / (n - 1)
