# rubric: vectorization=fail
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv2d(x, w, b, stride=1, padding=0):
    # Vectorized over positions, but one pass per output channel: the loop grows with F.
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    windows = sliding_window_view(xp, w.shape[2:], axis=(2, 3))[:, :, ::stride, ::stride]
    maps = [np.einsum("ncijuv,cuv->nij", windows, w[f]) + b[f] for f in range(w.shape[0])]
    return np.stack(maps, axis=1)
