# rubric: axis_awareness=fail
import numpy as np


def manhattan_distances(X, Y):
    return np.abs(Y[:, None, :] - X[None, :, :]).sum(axis=2)
