import numpy as np


def conv2d(x, w, b, stride=1, padding=0):
    """Loop version: one dot product per image, filter and output position."""
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    n_images, channels, height, width = x.shape
    filters, _, kh, kw = w.shape
    padded = np.zeros((n_images, channels, height + 2 * padding, width + 2 * padding))
    padded[:, :, padding:padding + height, padding:padding + width] = x
    out_h = (height + 2 * padding - kh) // stride + 1
    out_w = (width + 2 * padding - kw) // stride + 1
    out = np.zeros((n_images, filters, out_h, out_w))
    for n in range(n_images):
        for f in range(filters):
            for i in range(out_h):
                for j in range(out_w):
                    top, left = i * stride, j * stride
                    window = padded[n, :, top:top + kh, left:left + kw]
                    out[n, f, i, j] = float(np.sum(window * w[f])) + float(b[f])
    return out
