# rubric: vectorization=fail
import numpy as np


def normalize_channels(images, mean, std):
    out = np.empty(images.shape, dtype=float)
    for i in range(images.shape[0]):
        for y in range(images.shape[1]):
            out[i, y] = (images[i, y] - mean) / std
    return out
