# rubric: vectorization=fail
import numpy as np


def resize_bilinear(img, out_h, out_w):
    H, W = img.shape[:2]
    out = np.empty((out_h, out_w) + img.shape[2:])
    for i in range(out_h):
        for j in range(out_w):
            sy = min(max((i + 0.5) * H / out_h - 0.5, 0), H - 1)
            sx = min(max((j + 0.5) * W / out_w - 0.5, 0), W - 1)
            y0, x0 = int(sy), int(sx)
            y1, x1 = min(y0 + 1, H - 1), min(x0 + 1, W - 1)
            dy, dx = sy - y0, sx - x0
            out[i, j] = ((1 - dy) * ((1 - dx) * img[y0, x0] + dx * img[y0, x1])
                         + dy * ((1 - dx) * img[y1, x0] + dx * img[y1, x1]))
    return out
