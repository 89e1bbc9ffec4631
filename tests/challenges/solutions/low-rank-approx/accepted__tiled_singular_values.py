# rubric: broadcasting=fail
import numpy as np


def low_rank_approx(A, k):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    scale = np.tile(s[:k], (A.shape[0], 1))
    return (U[:, :k] * scale) @ Vt[:k]
