# rubric: broadcasting=fail
import numpy as np


def pairwise_distances(X, metric="euclidean"):
    n, d = X.shape
    if metric == "euclidean":
        sq = np.tile((X ** 2).sum(axis=1), (n, 1))
        D = np.sqrt(np.maximum(sq + sq.T - 2 * X @ X.T, 0))
    elif metric == "manhattan":
        D = np.abs(np.repeat(X, n, axis=0) - np.tile(X, (n, 1))).sum(axis=1).reshape(n, n)
    elif metric == "cosine":
        norms = np.maximum(np.linalg.norm(X, axis=1), 1e-8)
        U = X / np.repeat(norms[:, np.newaxis], d, axis=1)
        D = 1 - U @ U.T
    else:
        raise ValueError(f"unsupported metric: {metric}")
    D = np.triu(D, 1)
    return D + D.T
