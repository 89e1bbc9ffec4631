# rubric: numerical_stability=fail
import numpy as np


def csr_matvec(data, indices, indptr, x):
    running = np.concatenate(([0.0], np.cumsum(data * x[indices])))
    return running[indptr[1:]] - running[indptr[:-1]]
