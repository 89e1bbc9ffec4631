# rubric: vectorization=fail
import math

import numpy as np


def softmax(z, axis=-1):
    e = np.frompyfunc(math.exp, 1, 1)(z - z.max(axis=axis, keepdims=True)).astype(np.float64)
    return e / e.sum(axis=axis, keepdims=True)
