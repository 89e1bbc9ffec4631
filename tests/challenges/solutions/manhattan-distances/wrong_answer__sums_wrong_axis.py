# rubric: axis_awareness=fail
import numpy as np


def manhattan_distances(X, Y):
    return np.abs(X[:, None, :] - Y[None, :, :]).sum(axis=1)
