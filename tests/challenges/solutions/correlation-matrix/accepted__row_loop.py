# rubric: vectorization=fail
import numpy as np


def correlation_matrix(X):
    n, d = X.shape
    mu = X.mean(axis=0)
    s = np.zeros((d, d))
    for k in range(n):
        v = X[k] - mu
        s += np.outer(v, v)
    const = X.max(axis=0) == X.min(axis=0)
    norm = np.sqrt(np.diag(s))
    norm[const] = 1.0
    r = s / np.outer(norm, norm)
    r[const, :] = 0.0
    r[:, const] = 0.0
    np.fill_diagonal(r, 1.0)
    return r
