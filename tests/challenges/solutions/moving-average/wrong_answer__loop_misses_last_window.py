# rubric: vectorization=fail
import numpy as np


def moving_average(x, w):
    out = np.empty(len(x) - w)
    for i in range(len(x) - w):
        out[i] = x[i:i + w].mean()
    return out
