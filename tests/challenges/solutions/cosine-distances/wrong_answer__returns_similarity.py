import numpy as np


def cosine_distances(X, Y):
    Xu = X / np.maximum(np.linalg.norm(X, axis=1, keepdims=True), 1e-8)
    Yu = Y / np.maximum(np.linalg.norm(Y, axis=1, keepdims=True), 1e-8)
    return Xu @ Yu.T
