import numpy as np


def least_squares(X, y):
    return np.linalg.inv(X.T @ X) @ X.T @ y
