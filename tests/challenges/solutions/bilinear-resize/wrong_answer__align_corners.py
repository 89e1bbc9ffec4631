import numpy as np


def _coords(out_size, in_size):
    # align_corners=True: the first and last pixel centres of input and output coincide.
    if out_size == 1:
        return np.zeros(1)
    return np.arange(out_size) * (in_size - 1) / (out_size - 1)


def resize_bilinear(img, out_h, out_w):
    H, W = img.shape[:2]
    sy, sx = _coords(out_h, H), _coords(out_w, W)
    y0, x0 = np.floor(sy).astype(int), np.floor(sx).astype(int)
    y1, x1 = np.minimum(y0 + 1, H - 1), np.minimum(x0 + 1, W - 1)
    wy = (sy - y0).reshape(-1, 1, *([1] * (img.ndim - 2)))
    wx = (sx - x0).reshape(1, -1, *([1] * (img.ndim - 2)))
    top = img[y0][:, x0] * (1 - wx) + img[y0][:, x1] * wx
    bottom = img[y1][:, x0] * (1 - wx) + img[y1][:, x1] * wx
    return top * (1 - wy) + bottom * wy
