import numpy as np


def pca(X, k):
    """Loop version: means, covariance and projections accumulated sample by sample, then eigh."""
    X = np.asarray(X, dtype=np.float64)
    n, d = X.shape
    mean = np.zeros(d)
    for row in X:
        mean += row
    mean /= n
    centred = np.empty_like(X)
    for i in range(n):
        centred[i] = X[i] - mean
    _, singular, vt = np.linalg.svd(centred, full_matrices=False)
    components = vt[:k].copy()
    for j in range(k):
        top = max(range(d), key=lambda t: (abs(components[j, t]), -t))
        if components[j, top] < 0:
            components[j] = -components[j]
    projected = np.zeros((n, k))
    for i in range(n):
        for j in range(k):
            projected[i, j] = float(centred[i] @ components[j])
    return components, singular[:k] ** 2 / (n - 1), projected
