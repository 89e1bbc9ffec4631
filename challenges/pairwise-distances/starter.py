import numpy as np


def pairwise_distances(X, metric="euclidean"):
    """Distances between every pair of rows of `X`.

    X: float array (n, d). metric: "euclidean", "manhattan" or "cosine"; anything else
    raises ValueError. Returns a float array (n, n) that is exactly symmetric and exactly
    0 on its diagonal.
    """
    raise NotImplementedError
