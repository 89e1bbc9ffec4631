import numpy as np


def pca(X, k):
    # Scores straight from U * S, flipped with the same signs as the axes.
    Xc = X - np.mean(X, axis=0)
    U, S, Vt = np.linalg.svd(Xc, full_matrices=False)
    V = Vt[:k]
    signs = np.sign(np.take_along_axis(V, np.abs(V).argmax(axis=1)[:, None], axis=1))
    return V * signs, (S[:k] ** 2) / (len(X) - 1), U[:, :k] * S[:k] * signs.T
