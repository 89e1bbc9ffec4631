import numpy as np


def pairwise_distances(X, metric="euclidean"):
    if metric == "manhattan":
        D = np.abs(X[:, None, :] - X[None, :, :]).sum(axis=-1)
    elif metric == "cosine":
        U = X / np.maximum(np.linalg.norm(X, axis=1, keepdims=True), 1e-8)
        D = 1 - U @ U.T
    else:
        # Any other name silently gets euclidean instead of an error.
        D = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=-1))
    D = np.triu(D, 1)
    return D + D.T
