# rubric: vectorization=fail
import numpy as np


def manhattan_distances(X, Y):
    # Loops over the d features only; each step is a vectorised (n, m) update, and the
    # (n, m, d) temporary is never built.
    out = np.zeros((X.shape[0], Y.shape[0]))
    for k in range(X.shape[1]):
        out += np.abs(X[:, k].reshape(-1, 1) - Y[:, k].reshape(1, -1))
    return out
