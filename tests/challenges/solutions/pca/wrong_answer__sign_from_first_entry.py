import numpy as np


def pca(X, k):
    # Makes the first entry positive instead of the entry of largest absolute value.
    Xc = X - X.mean(axis=0)
    _, S, Vt = np.linalg.svd(Xc, full_matrices=False)
    comps = Vt[:k] * np.where(Vt[:k, :1] < 0, -1.0, 1.0)
    return comps, S[:k] ** 2 / (len(X) - 1), Xc @ comps.T
