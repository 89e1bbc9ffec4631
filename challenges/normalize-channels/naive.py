import numpy as np


def normalize_channels(images, mean, std):
    """Loop version: visit every pixel of every image and standardize its channel values one by one."""
    images = np.asarray(images)
    n, h, w, c = images.shape
    out = np.empty((n, h, w, c), dtype=np.float64)
    for i in range(n):
        for y in range(h):
            for x in range(w):
                for k in range(c):
                    out[i, y, x, k] = (float(images[i, y, x, k]) - mean[k]) / std[k]
    return out
