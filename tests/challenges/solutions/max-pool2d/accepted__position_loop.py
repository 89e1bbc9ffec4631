# rubric: vectorization=fail
import numpy as np


def max_pool2d(x, k, stride):
    N, C, H, W = x.shape
    OH = (H - k) // stride + 1
    OW = (W - k) // stride + 1
    out = np.empty((N, C, OH, OW), dtype=x.dtype)
    for i in range(OH):
        for j in range(OW):
            out[:, :, i, j] = x[:, :, i * stride:i * stride + k, j * stride:j * stride + k].max(axis=(2, 3))
    return out
