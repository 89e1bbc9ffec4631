# rubric: numerical_stability=fail
import numpy as np


def zscore(X):
    mu = X.mean(axis=0)
    var = (X ** 2).mean(axis=0) - mu ** 2
    const = X.max(axis=0) == X.min(axis=0)
    sd = np.sqrt(np.maximum(var, 0.0))
    sd[const | (sd == 0)] = 1.0
    out = (X - mu) / sd
    out[:, const] = 0.0
    return out
