import numpy as np


def pairwise_distances(X, metric="euclidean"):
    if metric == "euclidean":
        D = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2))
    elif metric == "manhattan":
        D = np.abs(X[:, None, :] - X[None, :, :]).sum(axis=2)
    elif metric == "cosine":
        norms = np.linalg.norm(X, axis=1)
        norms = np.where(norms < 1e-8, 1e-8, norms)
        D = 1 - (X @ X.T) / np.outer(norms, norms)
    else:
        raise ValueError("metric must be euclidean, manhattan or cosine")
    D = (D + D.T) / 2
    np.fill_diagonal(D, 0.0)
    return D
