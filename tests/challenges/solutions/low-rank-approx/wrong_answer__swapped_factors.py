# rubric: axis_awareness=fail
import numpy as np


def low_rank_approx(A, k):
    # Rebuilds A^T instead of A: the singular vectors were put on the wrong sides.
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    return (Vt[:k].T * s[:k]) @ U[:, :k].T
