import numpy as np


def interleave_rows(a, b):
    return np.vstack((a, b))
