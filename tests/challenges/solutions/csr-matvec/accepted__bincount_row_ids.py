import numpy as np


def csr_matvec(data, indices, indptr, x):
    m = len(indptr) - 1
    rows = np.repeat(np.arange(m), np.diff(indptr))
    # bincount returns int64 zeros when there are no entries at all: cast back to float.
    return np.bincount(rows, weights=data * x[indices], minlength=m).astype(np.float64)
