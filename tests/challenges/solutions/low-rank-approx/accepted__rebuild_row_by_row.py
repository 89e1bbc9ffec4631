# rubric: vectorization=fail
import numpy as np


def low_rank_approx(A, k):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    rows = []
    for i in range(A.shape[0]):
        rows.append((U[i, :k] * s[:k]) @ Vt[:k])
    return np.array(rows)
