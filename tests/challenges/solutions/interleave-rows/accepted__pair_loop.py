# rubric: vectorization=fail
import numpy as np


def interleave_rows(a, b):
    rows = []
    for row_a, row_b in zip(a, b):
        rows.append(row_a)
        rows.append(row_b)
    if not rows:
        return np.empty((0, a.shape[1]))
    return np.array(rows)
