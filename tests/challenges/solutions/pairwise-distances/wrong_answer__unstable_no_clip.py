# rubric: numerical_stability=fail
import numpy as np


def pairwise_distances(X, metric="euclidean"):
    if metric == "euclidean":
        sq = np.sum(X ** 2, axis=1)
        D = np.sqrt(sq[:, None] + sq[None, :] - 2 * X @ X.T)
    elif metric == "manhattan":
        D = np.abs(X[:, None, :] - X[None, :, :]).sum(axis=-1)
    elif metric == "cosine":
        U = X / np.maximum(np.linalg.norm(X, axis=1, keepdims=True), 1e-8)
        D = 1 - U @ U.T
    else:
        raise ValueError(metric)
    D = (D + D.T) / 2
    np.fill_diagonal(D, 0)
    return D
