# rubric: axis_awareness=fail
import numpy as np


def patchify(images, p):
    n, h, w = images.shape
    return images.reshape(n, (h // p) * (w // p), p * p)
