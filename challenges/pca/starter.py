import numpy as np


def pca(X, k):
    """Principal component analysis of the rows of X.

    X: (n, d) samples, n >= 2, 1 <= k <= min(n - 1, d).
    Returns (components, explained_variance, projected):
    - components (k, d): orthonormal principal axes of the column-centred X, by descending
      variance; each row's entry of largest absolute value is positive (the first such entry on a tie);
    - explained_variance (k,): the variance along each axis, with ddof=1;
    - projected (n, k): (X - column means) @ components.T.
    """
    raise NotImplementedError
