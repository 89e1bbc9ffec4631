import numpy as np

METRICS = ("euclidean", "manhattan", "cosine")
EPS = 1e-8


def pairwise_distances(X, metric="euclidean"):
    """Compute the full matrix for the metric, then rebuild it from its strict upper triangle,
    which makes it exactly symmetric with an exactly zero diagonal."""
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}; expected one of {', '.join(METRICS)}")
    X = np.asarray(X, dtype=np.float64)
    if metric == "euclidean":
        sq = np.einsum("ij,ij->i", X, X)
        d2 = sq[:, None] + sq[None, :] - 2.0 * (X @ X.T)
        # Clip before sqrt: identical rows can cancel to a tiny negative.
        dist = np.sqrt(np.maximum(d2, 0.0))
    elif metric == "manhattan":
        dist = np.abs(X[:, None, :] - X[None, :, :]).sum(axis=-1)
    else:
        unit = X / np.maximum(np.linalg.norm(X, axis=1), EPS)[:, None]
        dist = 1.0 - unit @ unit.T
    upper = np.triu(dist, k=1)
    return upper + upper.T
