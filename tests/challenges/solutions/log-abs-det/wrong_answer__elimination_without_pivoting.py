# rubric: vectorization=fail
import numpy as np


def log_abs_det(A):
    # No row exchanges: a zero pivot gives log(0) and then NaN.
    U = np.array(A, dtype=float)
    n = U.shape[0]
    total = 0.0
    with np.errstate(all="ignore"):
        for k in range(n):
            total += np.log(np.abs(U[k, k]))
            U[k + 1:, k:] -= np.outer(U[k + 1:, k] / U[k, k], U[k, k:])
    return total
