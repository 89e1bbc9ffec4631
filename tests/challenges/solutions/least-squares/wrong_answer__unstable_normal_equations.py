# rubric: numerical_stability=fail
import numpy as np


def least_squares(X, y):
    # Solving X^T X w = X^T y squares cond(X): 1e7 becomes 1e14.
    return np.linalg.solve(X.T @ X, X.T @ y)
