# rubric: broadcasting=fail vectorization=pass
import numpy as np


def normalize_channels(images, mean, std):
    n, h, w, c = images.shape
    mean_full = np.tile(mean, (n, h, w, 1))
    std_full = np.tile(std, (n, h, w, 1))
    return (images - mean_full) / std_full
