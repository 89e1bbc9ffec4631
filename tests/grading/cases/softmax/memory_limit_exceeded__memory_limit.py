import numpy as np


def softmax(z, axis=-1):
    scratch = np.ones((50_000, 50_000))
    return scratch
