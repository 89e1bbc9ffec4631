import numpy as np


def softmax(z, axis=-1):
    """Stable softmax: shifting by the max leaves the result unchanged but keeps exp <= 1."""
    z = np.asarray(z, dtype=np.float64)
    shifted = z - np.max(z, axis=axis, keepdims=True)
    exps = np.exp(shifted)
    return exps / np.sum(exps, axis=axis, keepdims=True)
