# rubric: axis_awareness=fail
import numpy as np


def resize_bilinear(img, out_h, out_w):
    H, W = img.shape[:2]
    # Both axes use the column scale W / out_w: right only when the two scales agree.
    scale = W / out_w
    sy = np.clip((np.arange(out_h) + 0.5) * scale - 0.5, 0, H - 1)
    sx = np.clip((np.arange(out_w) + 0.5) * scale - 0.5, 0, W - 1)
    y0, x0 = np.floor(sy).astype(int), np.floor(sx).astype(int)
    y1, x1 = np.minimum(y0 + 1, H - 1), np.minimum(x0 + 1, W - 1)
    wy = (sy - y0).reshape(-1, 1, *([1] * (img.ndim - 2)))
    wx = (sx - x0).reshape(1, -1, *([1] * (img.ndim - 2)))
    top = img[y0][:, x0] * (1 - wx) + img[y0][:, x1] * wx
    bottom = img[y1][:, x0] * (1 - wx) + img[y1][:, x1] * wx
    return top * (1 - wy) + bottom * wy
