import numpy as np


def max_pool2d(x, k, stride):
    windows = np.lib.stride_tricks.sliding_window_view(x, (k, k), axis=(-2, -1))
    return np.amax(windows[..., ::stride, ::stride, :, :], axis=(-1, -2))
