import numpy as np


def covariance_matrix(X):
    centred = X - X.mean(axis=0)
    return centred.T @ centred / X.shape[0]
