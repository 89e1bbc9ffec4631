import numpy as np


def moving_average(x, w):
    c = np.cumsum(x)
    return (c[w:] - c[:-w]) / w  # drops the first window
