import numpy as np


def moving_average(x, w):
    prefix = np.concatenate(([0.0], np.cumsum(x)))
    return (prefix[w:] - prefix[:-w]) / w
