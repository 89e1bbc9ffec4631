import numpy as np


def normalize_channels(images, mean, std):
    scale = 1.0 / np.asarray(std, dtype=float)
    shift = np.asarray(mean, dtype=float)[None, None, None, :]
    return (images.astype(float) - shift) * scale[None, None, None, :]
