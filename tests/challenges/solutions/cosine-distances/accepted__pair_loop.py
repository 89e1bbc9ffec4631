# rubric: vectorization=fail
import numpy as np


def cosine_distances(X, Y):
    out = np.zeros((len(X), len(Y)))
    for i, x in enumerate(X):
        for j, y in enumerate(Y):
            nx = max(np.linalg.norm(x), 1e-8)
            ny = max(np.linalg.norm(y), 1e-8)
            out[i, j] = 1 - x @ y / (nx * ny)
    return out
