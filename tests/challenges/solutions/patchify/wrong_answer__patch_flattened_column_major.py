import numpy as np


def patchify(images, p):
    n, h, w = images.shape
    grid = images.reshape(n, h // p, p, w // p, p)
    # Pixel column before pixel row: each patch is flattened down its columns.
    return grid.transpose(0, 1, 3, 4, 2).reshape(n, (h // p) * (w // p), p * p)
