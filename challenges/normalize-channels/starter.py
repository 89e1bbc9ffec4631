import numpy as np


def normalize_channels(images, mean, std):
    """Standardize each channel: subtract its mean, divide by its standard deviation.

    images: array of shape (N, H, W, C), channels last.
    mean, std: float arrays of shape (C,), one value per channel.
    Returns a float array of shape (N, H, W, C).
    """
    raise NotImplementedError
