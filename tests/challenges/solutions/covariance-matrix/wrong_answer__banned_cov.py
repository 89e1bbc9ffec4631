import numpy as np


def covariance_matrix(X):
    return np.cov(X, rowvar=False)
