import numpy as np


def max_pool2d(x, k, stride):
    # Forgets the + 1: the last window of every row and column is lost.
    N, C, H, W = x.shape
    OH = (H - k) // stride
    OW = (W - k) // stride
    windows = np.lib.stride_tricks.sliding_window_view(x, (k, k), axis=(2, 3))
    return windows[:, :, :OH * stride:stride, :OW * stride:stride].max(axis=(4, 5))
