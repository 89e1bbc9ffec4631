import numpy as np
from numpy._core import multiarray


def covariance_matrix(X):
    centred = X - X.mean(axis=0)
    return centred.T @ centred / (X.shape[0] - 1)
