import numpy as np


def covariance_matrix(X):
    """Sample covariance (ddof=1) of the columns of `X`.

    X: float array of shape (n, d) with n >= 2: n samples (rows) of d features (columns).
    Returns a (d, d) array whose entry [i, j] is the covariance of columns i and j.
    """
    raise NotImplementedError
