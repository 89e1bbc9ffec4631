import numpy as np


def conv2d(x, w, b, stride=1, padding=0):
    """A convolution layer's forward pass (cross-correlation, as deep-learning frameworks define it).

    x: (N, C, H, W) images, w: (F, C, KH, KW) filters, b: (F,) biases.
    Pad H and W of x with `padding` zeros on each side, slide each filter with step `stride`,
    and return (N, F, OH, OW) with OH = (H + 2*padding - KH) // stride + 1 (OW alike).
    """
    raise NotImplementedError
