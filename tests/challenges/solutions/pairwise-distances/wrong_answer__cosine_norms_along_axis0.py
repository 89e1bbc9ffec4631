# rubric: axis_awareness=fail
import numpy as np


def pairwise_distances(X, metric="euclidean"):
    if metric == "euclidean":
        sq = np.sum(X ** 2, axis=1)
        D = np.sqrt(np.maximum(sq[:, None] + sq[None, :] - 2 * X @ X.T, 0))
    elif metric == "manhattan":
        D = np.abs(X[:, None, :] - X[None, :, :]).sum(axis=-1)
    elif metric == "cosine":
        U = X / np.maximum(np.linalg.norm(X, axis=0), 1e-8)
        D = 1 - U @ U.T
    else:
        raise ValueError(metric)
    D = np.triu(D, 1)
    return D + D.T
