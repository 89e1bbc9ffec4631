# rubric: axis_awareness=fail
import numpy as np


def covariance_matrix(X):
    centred = X - X.mean(axis=1, keepdims=True)
    return centred @ centred.T / (X.shape[1] - 1)
