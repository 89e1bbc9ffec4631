# rubric: broadcasting=fail
import numpy as np


def zscore(X):
    n = X.shape[0]
    const = np.tile(X.max(axis=0) == X.min(axis=0), (n, 1))
    mu = np.tile(X.mean(axis=0), (n, 1))
    sd = np.tile(X.std(axis=0), (n, 1))
    sd[const] = 1.0
    out = (X - mu) / sd
    out[const] = 0.0
    return out
