# rubric: memory_efficiency=fail
import numpy as np


def sliding_windows(x, w):
    starts = np.arange(len(x) - w + 1)[:, None]
    return x[starts + np.arange(w)]
