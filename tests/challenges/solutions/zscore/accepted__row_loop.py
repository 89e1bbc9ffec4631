# rubric: vectorization=fail
import numpy as np


def zscore(X):
    mu = X.mean(axis=0)
    sd = X.std(axis=0)
    const = X.max(axis=0) == X.min(axis=0)
    sd[const] = 1.0
    out = np.empty_like(X)
    for i in range(X.shape[0]):
        out[i] = (X[i] - mu) / sd
        out[i][const] = 0.0
    return out
