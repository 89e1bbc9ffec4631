# rubric: axis_awareness=n/a  (every test fails with the same wrong shape or exception: reported under correctness)
import numpy as np


def manhattan_distances(X, Y):
    return np.abs(X[:, None, :] - Y[None, :, :]).sum(axis=1)
