import numpy as np


def rbf_kernel(X, Y, gamma):
    diff = X[:, np.newaxis, :] - Y[np.newaxis, :, :]
    return np.exp(-gamma * np.einsum("ijk,ijk->ij", diff, diff))
