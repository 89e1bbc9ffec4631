# rubric: numerical_stability=fail
import numpy as np


def covariance_matrix(X):
    n = X.shape[0]
    mu = X.mean(axis=0)
    second = X.T @ X / n
    return (second - np.outer(mu, mu)) * n / (n - 1)
