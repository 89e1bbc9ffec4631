# rubric: numerical_stability=fail
import numpy as np


def pca(X, k):
    # Right on paper, but Xc.T @ Xc squares the condition number: next to a variance of 1e6,
    # the axes of variance 1e-6 are rounding noise.
    Xc = X - X.mean(axis=0)
    cov = Xc.T @ Xc / (len(X) - 1)
    vals, vecs = np.linalg.eigh(cov)
    order = np.argsort(vals)[::-1][:k]
    comps = vecs[:, order].T
    comps *= np.sign(comps[np.arange(k), np.abs(comps).argmax(axis=1)])[:, None]
    return comps, vals[order], Xc @ comps.T
