# rubric: axis_awareness=fail
import numpy as np


def interleave_rows(a, b):
    n, d = a.shape
    # (n, d, 2) alternates elements within a row, not whole rows.
    return np.stack((a, b), axis=2).reshape(2 * n, d)
