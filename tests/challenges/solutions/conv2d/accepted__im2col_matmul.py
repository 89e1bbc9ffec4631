import numpy as np
from numpy.lib.stride_tricks import as_strided


def conv2d(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    xp = np.ascontiguousarray(np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding))))
    OH = (xp.shape[2] - KH) // stride + 1
    OW = (xp.shape[3] - KW) // stride + 1
    sn, sc, sh, sw = xp.strides
    cols = as_strided(xp, shape=(N, OH, OW, C, KH, KW),
                      strides=(sn, sh * stride, sw * stride, sc, sh, sw))
    cols = cols.reshape(N * OH * OW, C * KH * KW)
    out = cols @ w.reshape(F, -1).T + b
    return out.reshape(N, OH, OW, F).transpose(0, 3, 1, 2)
