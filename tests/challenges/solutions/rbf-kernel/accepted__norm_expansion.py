import numpy as np


def rbf_kernel(X, Y, gamma):
    xx = np.einsum("ij,ij->i", X, X)
    yy = np.einsum("ij,ij->i", Y, Y)
    sq = xx[:, None] + yy[None, :] - 2 * X @ Y.T
    return np.exp(-gamma * np.clip(sq, 0, None))
