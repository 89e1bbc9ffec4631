import numpy as np


def low_rank_approx(A, k):
    """Eckart-Young: keep the k largest singular triplets. The thin SVD never builds an
    (m, m) or (n, n) factor, and scaling U's columns by s is a broadcast, not a diag matmul."""
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    return (U[:, :k] * s[:k]) @ Vt[:k]
