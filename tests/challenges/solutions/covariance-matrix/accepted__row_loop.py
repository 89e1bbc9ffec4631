# rubric: vectorization=fail
import numpy as np


def covariance_matrix(X):
    n, d = X.shape
    mu = X.mean(axis=0)
    out = np.zeros((d, d))
    for k in range(n):
        v = X[k] - mu
        out += v[:, None] * v[None, :]
    return out / (n - 1)
