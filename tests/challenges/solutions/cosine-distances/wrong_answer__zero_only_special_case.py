import numpy as np


def cosine_distances(X, Y):
    # Guards exact zeros only, so a row of norm 1e-12 keeps its full cosine.
    nx = np.linalg.norm(X, axis=1, keepdims=True)
    ny = np.linalg.norm(Y, axis=1, keepdims=True)
    Xu = X / np.where(nx == 0, 1.0, nx)
    Yu = Y / np.where(ny == 0, 1.0, ny)
    return 1 - Xu @ Yu.T
