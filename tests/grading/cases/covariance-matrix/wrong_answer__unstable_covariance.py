# rubric: numerical_stability=fail
import numpy as np


def covariance_matrix(X):
    n = X.shape[0]
    mean = X.mean(axis=0)
    return (X.T @ X - n * np.outer(mean, mean)) / (n - 1)
