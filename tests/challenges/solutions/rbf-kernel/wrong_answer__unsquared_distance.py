import numpy as np


def rbf_kernel(X, Y, gamma):
    dist = np.linalg.norm(X[:, None, :] - Y[None, :, :], axis=-1)
    return np.exp(-gamma * dist)
