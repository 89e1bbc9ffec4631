import numpy as np


def correlation_matrix(X):
    return np.corrcoef(X, rowvar=False)
