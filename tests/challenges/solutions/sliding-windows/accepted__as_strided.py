import numpy as np
from numpy.lib.stride_tricks import as_strided


def sliding_windows(x, w):
    step = x.strides[0]
    return as_strided(x, shape=(x.shape[0] - w + 1, w), strides=(step, step), writeable=False)
