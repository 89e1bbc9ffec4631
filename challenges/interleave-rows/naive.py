import numpy as np


def interleave_rows(a, b):
    """Loop version: copy the rows one pair at a time into a preallocated result."""
    a = np.asarray(a)
    b = np.asarray(b)
    n, d = a.shape
    out = np.empty((2 * n, d), dtype=np.result_type(a, b))
    for i in range(n):
        for j in range(d):
            out[2 * i, j] = a[i, j]
            out[2 * i + 1, j] = b[i, j]
    return out
