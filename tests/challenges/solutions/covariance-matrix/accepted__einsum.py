import numpy as np


def covariance_matrix(X):
    n = X.shape[0]
    deviations = X - np.mean(X, axis=0, keepdims=True)
    return np.einsum("ki,kj->ij", deviations, deviations) / (n - 1)
