# rubric: axis_awareness=fail
import numpy as np


def rbf_kernel(X, Y, gamma):
    # Column norms instead of row norms: shapes only line up when n == m == d.
    xx = (X ** 2).sum(axis=0)
    yy = (Y ** 2).sum(axis=0)
    sq = xx[:, None] + yy[None, :] - 2 * X @ Y.T
    return np.exp(-gamma * sq)
