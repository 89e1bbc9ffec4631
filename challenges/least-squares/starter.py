import numpy as np


def least_squares(X, y):
    """Weights w minimising ||X @ w - y||^2.

    X: (n, d) with n >= d and full column rank. y: (n,). Returns w of shape (d,).
    """
    raise NotImplementedError
