# rubric: axis_awareness=fail
import numpy as np


def patchify(images, p):
    n, h, w = images.shape
    grid = images.reshape(n, w // p, p, h // p, p)
    return grid.transpose(0, 1, 3, 2, 4).reshape(n, (h // p) * (w // p), p * p)
