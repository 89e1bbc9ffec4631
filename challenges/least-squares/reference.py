import numpy as np


def least_squares(X, y):
    """SVD-based lstsq: its error grows with cond(X), where the normal equations grow with cond(X)**2."""
    w, *_ = np.linalg.lstsq(X, y, rcond=None)
    return w
