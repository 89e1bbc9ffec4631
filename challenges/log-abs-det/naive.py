import math

import numpy as np


def log_abs_det(A):
    """Loop version: Gaussian elimination with partial pivoting, one column at a time,
    adding up log|pivot| instead of multiplying the pivots (which would overflow)."""
    M = np.array(A, dtype=np.float64)
    n = M.shape[0]
    total = 0.0
    for col in range(n):
        pivot_row = col + int(np.argmax(np.abs(M[col:, col])))
        if pivot_row != col:
            M[[col, pivot_row]] = M[[pivot_row, col]]
        pivot = M[col, col]
        total += math.log(abs(pivot))
        factors = M[col + 1:, col] / pivot
        M[col + 1:, col:] -= np.outer(factors, M[col, col:])
    return total
