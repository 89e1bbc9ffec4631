# rubric: vectorization=fail memory_efficiency=fail
import numpy as np


def sliding_windows(x, w):
    return np.array([x[i:i + w] for i in range(len(x) - w + 1)])
