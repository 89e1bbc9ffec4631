import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv2d(x, w, b, stride=1, padding=0):
    # Subsamples the image before taking windows: each window then spans pixels stride apart.
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))[:, :, ::stride, ::stride]
    windows = sliding_window_view(xp, w.shape[2:], axis=(2, 3))
    return np.einsum("ncijuv,fcuv->nfij", windows, w) + b[:, None, None]
