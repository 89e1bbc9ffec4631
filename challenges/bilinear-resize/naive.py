import math

import numpy as np


def resize_bilinear(img, out_h, out_w):
    """Loop version: one output pixel at a time, its four neighbours read one by one."""
    H, W = img.shape[0], img.shape[1]
    out = np.zeros((out_h, out_w, *img.shape[2:]))
    for i in range(out_h):
        sy = min(max((i + 0.5) * H / out_h - 0.5, 0.0), H - 1.0)
        y0 = math.floor(sy)
        y1 = min(y0 + 1, H - 1)
        wy = sy - y0
        for j in range(out_w):
            sx = min(max((j + 0.5) * W / out_w - 0.5, 0.0), W - 1.0)
            x0 = math.floor(sx)
            x1 = min(x0 + 1, W - 1)
            wx = sx - x0
            top = img[y0, x0] * (1 - wx) + img[y0, x1] * wx
            bottom = img[y1, x0] * (1 - wx) + img[y1, x1] * wx
            out[i, j] = top * (1 - wy) + bottom * wy
    return out
