# rubric: axis_awareness=n/a
import numpy as np


def csr_matvec(data, indices, indptr, x):
    m = len(indptr) - 1
    rows = np.repeat(np.arange(m), np.diff(indptr))
    # Rows and columns swapped: this scatters into columns, a transposed product.
    return np.bincount(indices, weights=data * x[rows], minlength=m).astype(float)
