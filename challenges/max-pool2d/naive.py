import numpy as np


def max_pool2d(x, k, stride):
    """Loop version: one window at a time, for every image, channel and output position."""
    x = np.asarray(x)
    n_images, channels, height, width = x.shape
    out_h = (height - k) // stride + 1
    out_w = (width - k) // stride + 1
    out = np.empty((n_images, channels, out_h, out_w), dtype=x.dtype)
    for n in range(n_images):
        for c in range(channels):
            for i in range(out_h):
                for j in range(out_w):
                    top, left = i * stride, j * stride
                    out[n, c, i, j] = x[n, c, top:top + k, left:left + k].max()
    return out
