# rubric: broadcasting=fail
import numpy as np


def normalize_channels(images, mean, std):
    n, h, w, _ = images.shape
    full_mean = np.tile(mean, (n, h, w, 1))
    full_std = np.tile(std, (n, h, w, 1))
    return (images - full_mean) / full_std
