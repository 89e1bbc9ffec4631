import numpy as np


def interleave_rows(a, b):
    # -1 cannot be inferred from zero elements, so this raises when n == 0.
    return np.stack((a, b), axis=1).reshape(2 * len(a), -1)
