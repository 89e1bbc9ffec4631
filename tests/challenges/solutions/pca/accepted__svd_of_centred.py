import numpy as np


def pca(X, k):
    n = X.shape[0]
    Xc = X - X.mean(axis=0, keepdims=True)
    U, S, Vt = np.linalg.svd(Xc, full_matrices=False)
    comps = Vt[:k]
    pos = np.argmax(np.abs(comps), axis=1)
    comps = comps * np.sign(comps[np.arange(k), pos])[:, None]
    return comps, S[:k] ** 2 / (n - 1), Xc @ comps.T
