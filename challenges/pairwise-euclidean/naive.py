import math

import numpy as np


def pairwise_euclidean(A, B):
    """Loop version: one pair of rows at a time, from the differences (exact for identical rows)."""
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    out = np.empty((A.shape[0], B.shape[0]))
    for i in range(A.shape[0]):
        for j in range(B.shape[0]):
            diff = A[i] - B[j]
            out[i, j] = math.sqrt(float(np.dot(diff, diff)))
    return out
