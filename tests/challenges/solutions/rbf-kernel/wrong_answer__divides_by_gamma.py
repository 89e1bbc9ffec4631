import numpy as np


def rbf_kernel(X, Y, gamma):
    sq = ((X[:, None, :] - Y[None, :, :]) ** 2).sum(axis=2)
    return np.exp(-sq / gamma)
