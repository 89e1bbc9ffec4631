# rubric: numerical_stability=fail
import numpy as np


def correlation_matrix(X):
    mu = X.mean(axis=0)
    cov = X.T @ X / X.shape[0] - np.outer(mu, mu)
    sd = np.sqrt(np.abs(np.diag(cov)))
    const = X.max(axis=0) == X.min(axis=0)
    sd[const] = 1.0
    r = cov / np.outer(sd, sd)
    r[const, :] = 0.0
    r[:, const] = 0.0
    np.fill_diagonal(r, 1.0)
    return r
