import numpy as np


def _sources(out_size, in_size):
    """Source coordinate of each output index (half-pixel centres, clipped), its floor, next and weight."""
    coords = np.clip((np.arange(out_size) + 0.5) * in_size / out_size - 0.5, 0, in_size - 1)
    low = np.floor(coords).astype(np.intp)
    high = np.minimum(low + 1, in_size - 1)
    return low, high, coords - low


def resize_bilinear(img, out_h, out_w):
    """Gather the four neighbours of every output pixel with index arrays, then blend them."""
    img = np.asarray(img, dtype=np.float64)
    y0, y1, wy = _sources(out_h, img.shape[0])
    x0, x1, wx = _sources(out_w, img.shape[1])
    channels = (1,) * (img.ndim - 2)  # trailing axes of length 1, so the weights broadcast over C
    wy = wy.reshape(-1, 1, *channels)
    wx = wx.reshape(1, -1, *channels)
    top, bottom = img[y0], img[y1]  # (out_h, W, ...)
    top = top[:, x0] * (1 - wx) + top[:, x1] * wx
    bottom = bottom[:, x0] * (1 - wx) + bottom[:, x1] * wx
    return top * (1 - wy) + bottom * wy
