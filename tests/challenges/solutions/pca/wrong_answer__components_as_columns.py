# rubric: axis_awareness=fail
import numpy as np


def pca(X, k):
    # Returns the axes as columns (d, k), the layout eigh uses, instead of rows (k, d).
    Xc = X - X.mean(axis=0)
    _, S, Vt = np.linalg.svd(Xc, full_matrices=False)
    comps = Vt[:k] * np.sign(Vt[:k][np.arange(k), np.abs(Vt[:k]).argmax(axis=1)])[:, None]
    return comps.T, S[:k] ** 2 / (len(X) - 1), Xc @ comps.T
