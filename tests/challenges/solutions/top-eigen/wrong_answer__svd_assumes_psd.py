import numpy as np


def top_eigen(S, k):
    # Singular values are |eigenvalues|: only right when S is positive semi-definite.
    U, s, _ = np.linalg.svd(S)
    return s[:k], U[:, :k]
