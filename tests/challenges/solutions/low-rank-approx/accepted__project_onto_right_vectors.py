import numpy as np


def low_rank_approx(A, k):
    _, _, Vt = np.linalg.svd(A, full_matrices=False)
    basis = Vt[:k].T
    return A @ basis @ basis.T
