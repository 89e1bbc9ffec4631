# rubric: numerical_stability=fail
import numpy as np


def correlation_matrix(X):
    c = X - X.mean(axis=0)
    s = c.T @ c
    norm = np.sqrt(np.diag(s))
    return s / np.outer(norm, norm)
