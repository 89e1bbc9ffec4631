import numpy as np


def min_max_scale(X):
    """Subtract the column minimum, divide by the column range (1 where the range is 0).

    In a constant column X - min is exactly 0, so a safe denominator of 1 yields 0
    without ever dividing by zero.
    """
    X = np.asarray(X, dtype=np.float64)
    low = X.min(axis=0)
    span = X.max(axis=0) - low
    return (X - low) / np.where(span > 0, span, 1.0)
