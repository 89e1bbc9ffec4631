# rubric: vectorization=fail
import numpy as np


def moving_average(x, w):
    out = []
    for i in range(len(x) - w + 1):
        out.append(x[i:i + w].mean())
    return np.array(out)
