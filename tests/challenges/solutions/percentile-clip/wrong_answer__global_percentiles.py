# rubric: axis_awareness=fail
import numpy as np


def percentile_clip(X, lo, hi):
    return np.clip(X, np.percentile(X, lo), np.percentile(X, hi))
