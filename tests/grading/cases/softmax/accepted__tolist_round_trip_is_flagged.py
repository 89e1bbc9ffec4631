# rubric: vectorization=fail
import math

import numpy as np


def softmax(z, axis=-1):
    shifted = np.moveaxis(z - z.max(axis=axis, keepdims=True), axis, -1)
    rows = shifted.reshape(-1, shifted.shape[-1]).tolist()
    out = []
    for row in rows:
        e = [math.exp(v) for v in row]
        total = sum(e)
        out.append([v / total for v in e])
    return np.moveaxis(np.array(out).reshape(shifted.shape), -1, axis)
