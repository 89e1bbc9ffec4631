# rubric: vectorization=fail
import numpy as np


def pca(X, k):
    n, d = X.shape
    mean = X.mean(axis=0)
    _, S, Vt = np.linalg.svd(X - mean, full_matrices=False)
    comps = Vt[:k] * np.sign(Vt[:k][np.arange(k), np.abs(Vt[:k]).argmax(axis=1)])[:, None]
    projected = np.empty((n, k))
    for i in range(n):
        projected[i] = comps @ (X[i] - mean)
    return comps, S[:k] ** 2 / (n - 1), projected
