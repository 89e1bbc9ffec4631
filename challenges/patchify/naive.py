import numpy as np


def patchify(images, p):
    """Loop version: visit every image and every patch position, copying one patch at a time."""
    images = np.asarray(images)
    n, h, w = images.shape
    rows, cols = h // p, w // p
    out = np.empty((n, rows * cols, p * p), dtype=images.dtype)
    for i in range(n):
        for r in range(rows):
            for c in range(cols):
                patch = images[i, r * p:(r + 1) * p, c * p:(c + 1) * p]
                out[i, r * cols + c] = patch.ravel()
    return out
