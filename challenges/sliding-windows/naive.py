import numpy as np


def sliding_windows(x, w):
    """Loop version: copy every window into its own row, element by element."""
    x = np.asarray(x)
    count = len(x) - w + 1
    out = np.empty((count, w), dtype=x.dtype)
    for i in range(count):
        for j in range(w):
            out[i, j] = x[i + j]
    return out
