# rubric: axis_awareness=fail
import numpy as np


def percentile_clip(X, lo, hi):
    bounds = np.percentile(X, [lo, hi], axis=1, keepdims=True)
    return np.clip(X, bounds[0], bounds[1])
