import numpy as np


def min_max_scale(X):
    rng = np.ptp(X, axis=0)
    shifted = X - X.min(axis=0, keepdims=True)
    return np.divide(shifted, rng, out=np.zeros_like(shifted), where=rng != 0)
