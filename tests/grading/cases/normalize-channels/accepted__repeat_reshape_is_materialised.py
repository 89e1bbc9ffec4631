# rubric: broadcasting=fail
import numpy as np


def normalize_channels(images, mean, std):
    n, h, w, c = images.shape
    mean_full = np.repeat(mean[None, :], n * h * w, axis=0).reshape(images.shape)
    return (images - mean_full) / std
