import numpy as np


def csr_matvec(data, indices, indptr, x):
    m = len(indptr) - 1
    rows = np.repeat(np.arange(m), np.diff(indptr))
    return np.bincount(rows, weights=data * x[indices], minlength=m)
