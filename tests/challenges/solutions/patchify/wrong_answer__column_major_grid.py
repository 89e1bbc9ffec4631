# rubric: axis_awareness=fail
import numpy as np


def patchify(images, p):
    n, h, w = images.shape
    grid = images.reshape(n, h // p, p, w // p, p)
    # Patch column before patch row: walks the grid down each column first.
    return grid.transpose(0, 3, 1, 2, 4).reshape(n, (h // p) * (w // p), p * p)
