import numpy as np


def moving_average(x, w):
    """Loop version: add up each window value by value."""
    x = np.asarray(x, dtype=np.float64)
    count = len(x) - w + 1
    out = np.empty(count)
    for i in range(count):
        total = 0.0
        for j in range(i, i + w):
            total += x[j]
        out[i] = total / w
    return out
