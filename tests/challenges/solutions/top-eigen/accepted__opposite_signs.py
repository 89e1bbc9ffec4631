import numpy as np


def top_eigen(S, k):
    # Negated eigenvectors are eigenvectors too.
    w, V = np.linalg.eigh(S)
    return np.flip(w)[:k], -np.flip(V, axis=1)[:, :k]
