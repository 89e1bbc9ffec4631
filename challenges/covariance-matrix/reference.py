import numpy as np


def covariance_matrix(X):
    """Centre each column first, then one matrix product: no E[x^2] - E[x]^2 cancellation."""
    X = np.asarray(X, dtype=np.float64)
    centred = X - X.mean(axis=0)
    return centred.T @ centred / (X.shape[0] - 1)
