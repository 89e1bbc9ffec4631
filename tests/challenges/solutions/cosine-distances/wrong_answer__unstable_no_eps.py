# rubric: numerical_stability=fail
import numpy as np


def cosine_distances(X, Y):
    Xu = X / np.linalg.norm(X, axis=1, keepdims=True)
    Yu = Y / np.linalg.norm(Y, axis=1, keepdims=True)
    return 1 - Xu @ Yu.T
