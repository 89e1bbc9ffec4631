import numpy as np


def sliding_windows(x, w):
    return np.lib.stride_tricks.sliding_window_view(x, w).T
