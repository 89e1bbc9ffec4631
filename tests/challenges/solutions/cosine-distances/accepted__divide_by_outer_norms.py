import numpy as np


def cosine_distances(X, Y):
    nx = np.sqrt(np.einsum("ij,ij->i", X, X))
    ny = np.sqrt(np.einsum("ij,ij->i", Y, Y))
    nx[nx < 1e-8] = 1e-8
    ny[ny < 1e-8] = 1e-8
    return 1 - (X @ Y.T) / np.outer(nx, ny)
