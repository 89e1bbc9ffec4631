import numpy as np


def cosine_distances(X, Y):
    """1 - cosine similarity between every row of `X` and every row of `Y`.

    X: float array (n, d); Y: float array (m, d).
    Row norms below 1e-8 count as 1e-8, so a zero row has distance 1 to everything.
    Returns a float array (n, m).
    """
    raise NotImplementedError
