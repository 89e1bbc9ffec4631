import numpy as np


def pca(X, k):
    # eigh sorts eigenvalues ascending: these are the k axes of least variance.
    Xc = X - X.mean(axis=0)
    vals, vecs = np.linalg.eigh(Xc.T @ Xc / (len(X) - 1))
    comps = vecs[:, :k].T
    comps = comps * np.sign(comps[np.arange(k), np.abs(comps).argmax(axis=1)])[:, None]
    return comps, vals[:k], Xc @ comps.T
