import numpy as np


def top_eigen(S, k):
    w, V = np.linalg.eigh(S)
    order = np.argsort(-w)[:k]
    return w[order], V[:, order]
