import math

import numpy as np


def softmax(z, axis=-1):
    """Loop version: move the axis last, then normalise each 1-D slice element by element."""
    z = np.asarray(z, dtype=np.float64)
    moved = np.moveaxis(z, axis, -1)
    out = np.empty_like(moved)
    flat_in = moved.reshape(-1, moved.shape[-1])
    flat_out = out.reshape(-1, moved.shape[-1])
    for row in range(flat_in.shape[0]):
        top = max(flat_in[row])
        total = 0.0
        for j in range(flat_in.shape[1]):
            flat_out[row, j] = math.exp(flat_in[row, j] - top)
            total += flat_out[row, j]
        for j in range(flat_in.shape[1]):
            flat_out[row, j] /= total
    return np.moveaxis(flat_out.reshape(moved.shape), -1, axis)
