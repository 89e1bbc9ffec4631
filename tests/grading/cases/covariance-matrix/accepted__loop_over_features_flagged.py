# rubric: vectorization=fail numerical_stability=pass
import numpy as np


def covariance_matrix(X):
    Xc = X - X.mean(axis=0)
    d = X.shape[1]
    C = np.empty((d, d))
    for i in range(d):
        C[i] = Xc[:, i] @ Xc / (X.shape[0] - 1)
    return C
