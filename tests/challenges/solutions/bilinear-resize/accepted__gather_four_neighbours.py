import numpy as np


def resize_bilinear(img, out_h, out_w):
    H, W = img.shape[:2]
    sy = np.clip((np.arange(out_h) + 0.5) * (H / out_h) - 0.5, 0, H - 1)
    sx = np.clip((np.arange(out_w) + 0.5) * (W / out_w) - 0.5, 0, W - 1)
    y0, x0 = sy.astype(int), sx.astype(int)  # floor, since both are >= 0
    y1, x1 = np.minimum(y0 + 1, H - 1), np.minimum(x0 + 1, W - 1)
    wy = (sy - y0)[:, None]
    wx = (sx - x0)[None, :]
    if img.ndim == 3:
        wy, wx = wy[..., None], wx[..., None]
    Ia, Ib = img[y0[:, None], x0], img[y0[:, None], x1]
    Ic, Id = img[y1[:, None], x0], img[y1[:, None], x1]
    return (Ia * (1 - wx) * (1 - wy) + Ib * wx * (1 - wy) + Ic * (1 - wx) * wy + Id * wx * wy)
