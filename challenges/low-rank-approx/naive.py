import numpy as np


def low_rank_approx(A, k):
    """Loop version: one SVD, then rebuild every row as a sum of k scaled right singular vectors."""
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    m, n = A.shape
    out = np.zeros((m, n))
    for i in range(m):
        for j in range(k):
            out[i] += U[i, j] * s[j] * Vt[j]
    return out
