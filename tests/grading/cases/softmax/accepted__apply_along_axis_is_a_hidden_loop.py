# rubric: vectorization=fail
import numpy as np


def _one(row):
    e = np.exp(row - row.max())
    return e / e.sum()


def softmax(z, axis=-1):
    return np.apply_along_axis(_one, axis, z)
