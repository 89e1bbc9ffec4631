import math

import numpy as np


def pairwise_distances(X, metric="euclidean"):
    """Loop version: each unordered pair once, written to both halves; the diagonal stays 0."""
    if metric not in ("euclidean", "manhattan", "cosine"):
        raise ValueError(f"unknown metric {metric!r}")
    X = np.asarray(X, dtype=np.float64)
    n = X.shape[0]
    out = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            if metric == "euclidean":
                diff = X[i] - X[j]
                value = math.sqrt(float(np.dot(diff, diff)))
            elif metric == "manhattan":
                value = float(np.sum(np.abs(X[i] - X[j])))
            else:
                norm_i = max(math.sqrt(float(np.dot(X[i], X[i]))), 1e-8)
                norm_j = max(math.sqrt(float(np.dot(X[j], X[j]))), 1e-8)
                value = 1.0 - float(np.dot(X[i], X[j])) / (norm_i * norm_j)
            out[i, j] = value
            out[j, i] = value
    return out
