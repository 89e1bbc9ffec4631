import numpy as np


def softmax(z, axis=-1):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    total = e.sum(axis=axis)
    return e / total.reshape(total.shape[0], 1, 1)
