# rubric: vectorization=fail
import numpy as np


def csr_matvec(data, indices, indptr, x):
    y = np.zeros(len(indptr) - 1)
    for i in range(len(y)):
        start, end = indptr[i], indptr[i + 1]
        y[i] = data[start:end] @ x[indices[start:end]]
    return y
