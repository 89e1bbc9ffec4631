import numpy as np


def pairwise_distances(X, metric="euclidean"):
    if metric == "euclidean":
        sq = (X * X).sum(axis=1)
        return np.sqrt(np.maximum(sq[:, None] + sq[None, :] - 2 * X @ X.T, 0))
    if metric == "manhattan":
        return np.abs(X[:, None, :] - X[None, :, :]).sum(axis=-1)
    if metric == "cosine":
        U = X / np.maximum(np.linalg.norm(X, axis=1, keepdims=True), 1e-8)
        return 1 - U @ U.T
    raise ValueError(metric)
