import math

import numpy as np


def cosine_similarity_matrix(A, B, eps=1e-8):
    """Loop version: one row norm at a time, then one dot product per (row of A, row of B) pair."""
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    a_norms = [max(math.sqrt(float(row @ row)), eps) for row in A]
    b_norms = [max(math.sqrt(float(row @ row)), eps) for row in B]
    out = np.empty((A.shape[0], B.shape[0]))
    for i in range(A.shape[0]):
        for j in range(B.shape[0]):
            out[i, j] = float(A[i] @ B[j]) / (a_norms[i] * b_norms[j])
    return out
