import numpy as np


def pairwise_distances(X, metric="euclidean"):
    # Zeroes the diagonal but trusts the arithmetic for symmetry; the operation order makes
    # D[i, j] and D[j, i] round differently.
    if metric == "euclidean":
        sq = (X * X).sum(axis=1)
        D = np.sqrt(np.maximum(sq[:, None] - 2 * X @ X.T + sq[None, :], 0))
    elif metric == "manhattan":
        D = np.abs(X[:, None, :] - X[None, :, :]).sum(axis=-1)
    elif metric == "cosine":
        norms = np.maximum(np.linalg.norm(X, axis=1), 1e-8)
        D = 1 - (X @ X.T) / norms[:, None] / norms[None, :]
    else:
        raise ValueError(metric)
    np.fill_diagonal(D, 0.0)
    return D
