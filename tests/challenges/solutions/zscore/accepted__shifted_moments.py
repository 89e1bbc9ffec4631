import numpy as np


def zscore(X):
    # Moments of the data less its first row: the sums stay small at large offsets, so this is
    # more exact than the textbook mean, and must pass the offset probe all the same.
    X = np.asarray(X, dtype=np.float64)
    shifted = X - X[0]
    centred = shifted - shifted.mean(axis=0)
    std = np.sqrt((centred ** 2).mean(axis=0))
    constant = X.max(axis=0) == X.min(axis=0)
    return np.where(constant, 0.0, centred / np.where(constant, 1.0, std))
