import numpy as np


def manhattan_distances(X, Y):
    """L1 (city-block) distance between every row of `X` and every row of `Y`.

    X: float array (n, d); Y: float array (m, d).
    Returns a float array (n, m) whose entry [i, j] is sum(|X[i] - Y[j]|).
    """
    raise NotImplementedError
