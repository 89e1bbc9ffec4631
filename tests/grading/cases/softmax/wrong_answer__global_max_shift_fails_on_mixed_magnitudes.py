# rubric: numerical_stability=fail
import numpy as np


def softmax(z, axis=-1):
    # Shifts by the largest logit of the whole batch: a row far below it underflows to 0 / 0.
    e = np.exp(z - z.max())
    return e / e.sum(axis=axis, keepdims=True)
