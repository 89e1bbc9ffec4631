import numpy as np


def csr_matvec(data, indices, indptr, x):
    """Loop version: one row at a time, one stored entry at a time."""
    m = len(indptr) - 1
    y = np.zeros(m)
    for i in range(m):
        total = 0.0
        for k in range(int(indptr[i]), int(indptr[i + 1])):
            total += float(data[k]) * float(x[indices[k]])
        y[i] = total
    return y
