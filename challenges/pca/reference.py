import numpy as np


def pca(X, k):
    """SVD of the centred data (never the covariance matrix, which squares the condition number), then the sign rule."""
    X = np.asarray(X, dtype=np.float64)
    centred = X - X.mean(axis=0)
    _, singular, vt = np.linalg.svd(centred, full_matrices=False)
    components = vt[:k]
    rows = np.arange(k)
    # argmax returns the first of equal absolute values, as the sign rule asks.
    signs = np.sign(components[rows, np.abs(components).argmax(axis=1)])
    components = components * signs[:, None]
    explained_variance = singular[:k] ** 2 / (X.shape[0] - 1)
    return components, explained_variance, centred @ components.T
