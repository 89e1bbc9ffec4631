# rubric: numerical_stability=fail
import numpy as np


def pca(X, k):
    # E[x x^T] - mu mu^T: with columns near 1e8 the difference is all rounding error.
    n = len(X)
    mu = X.mean(axis=0)
    cov = (X.T @ X - n * np.outer(mu, mu)) / (n - 1)
    vals, vecs = np.linalg.eigh(cov)
    order = np.argsort(vals)[::-1][:k]
    comps = vecs[:, order].T
    comps *= np.sign(comps[np.arange(k), np.abs(comps).argmax(axis=1)])[:, None]
    return comps, vals[order], (X - mu) @ comps.T
