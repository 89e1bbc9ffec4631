import numpy as np


def manhattan_distances(X, Y):
    """Broadcast (n, 1, d) against (1, m, d), then sum the absolute differences over d."""
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    return np.abs(X[:, None, :] - Y[None, :, :]).sum(axis=-1)
