import numpy as np


def feature_statistics(X):
    """Per-column summary statistics of `X`.

    X: float array of shape (n, d) with n >= 2. Returns a dict with the keys "mean",
    "std", "var", "min", "max", "median" and "range", each a (d,) array with one value
    per column; std and var are sample statistics (ddof=1) and range = max - min.
    """
    raise NotImplementedError
