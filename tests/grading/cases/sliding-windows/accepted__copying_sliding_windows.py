# rubric: memory_efficiency=fail
import numpy as np


def sliding_windows(x, w):
    idx = np.arange(len(x) - w + 1)[:, None] + np.arange(w)[None, :]
    return x[idx]
