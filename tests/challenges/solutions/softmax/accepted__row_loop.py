# rubric: vectorization=fail
import numpy as np


def softmax(z, axis=-1):
    moved = np.moveaxis(np.asarray(z, dtype=float), axis, -1)
    flat = moved.reshape(-1, moved.shape[-1])
    out = np.empty_like(flat)
    for i in range(flat.shape[0]):
        e = np.exp(flat[i] - flat[i].max())
        out[i] = e / e.sum()
    return np.moveaxis(out.reshape(moved.shape), -1, axis)
