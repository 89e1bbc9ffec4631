import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def patchify(images, p):
    n, h, w = images.shape
    # All p x p windows, then keep only the ones that start on a multiple of p.
    windows = sliding_window_view(images, (p, p), axis=(1, 2))[:, ::p, ::p]
    return windows.reshape(n, (h // p) * (w // p), p * p)
