import numpy as np


def correlation_matrix(X):
    n, d = X.shape
    flat = np.ptp(X, axis=0) == 0
    sd = X.std(axis=0)
    z = (X - X.mean(axis=0)) / np.where(flat, 1.0, sd)
    z[:, flat] = 0.0
    r = z.T @ z / n
    r[np.diag_indices(d)] = 1.0
    return r
