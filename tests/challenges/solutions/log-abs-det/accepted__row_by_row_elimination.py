# rubric: vectorization=fail
import numpy as np


def log_abs_det(A):
    U = A.astype(float)
    n = len(U)
    result = 0.0
    for k in range(n):
        p = k + np.abs(U[k:, k]).argmax()
        U[[k, p]] = U[[p, k]]
        result += np.log(abs(U[k, k]))
        for i in range(k + 1, n):
            U[i, k:] -= U[i, k] / U[k, k] * U[k, k:]
    return result
