import numpy as np


def csr_matvec(data, indices, indptr, x):
    products = data * x[indices]
    counts = np.diff(indptr)
    y = np.zeros(len(counts))
    nonempty = counts > 0
    if nonempty.any():
        y[nonempty] = np.add.reduceat(products, indptr[:-1][nonempty])
    return y
