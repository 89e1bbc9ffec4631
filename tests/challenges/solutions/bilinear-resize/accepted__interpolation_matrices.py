# rubric: vectorization=warn
import numpy as np


def _weights(out_size, in_size):
    """(out_size, in_size) matrix whose row i holds the two interpolation weights of output i."""
    s = np.clip((np.arange(out_size) + 0.5) * in_size / out_size - 0.5, 0, in_size - 1)
    lo = np.floor(s).astype(int)
    hi = np.minimum(lo + 1, in_size - 1)
    w = s - lo
    R = np.zeros((out_size, in_size))
    rows = np.arange(out_size)
    np.add.at(R, (rows, lo), 1 - w)
    np.add.at(R, (rows, hi), w)  # lo == hi at the last row: the weights add up to 1
    return R


def resize_bilinear(img, out_h, out_w):
    Ry = _weights(out_h, img.shape[0])
    Rx = _weights(out_w, img.shape[1])
    if img.ndim == 2:
        return Ry @ img @ Rx.T
    return np.einsum("ih,hwc,jw->ijc", Ry, img, Rx)
