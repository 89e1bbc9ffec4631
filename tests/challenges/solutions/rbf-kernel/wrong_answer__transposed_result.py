# rubric: axis_awareness=fail
import numpy as np


def rbf_kernel(X, Y, gamma):
    diff = Y[:, None, :] - X[None, :, :]
    return np.exp(-gamma * (diff ** 2).sum(axis=-1))
