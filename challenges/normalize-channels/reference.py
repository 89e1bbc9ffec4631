import numpy as np


def normalize_channels(images, mean, std):
    """Shapes (C,) align with the trailing channel axis, so broadcasting needs no reshape or copy."""
    images = np.asarray(images)
    mean = np.asarray(mean, dtype=np.float64)
    std = np.asarray(std, dtype=np.float64)
    # Subtracting a float64 mean also promotes integer pixels (uint8) to float before any wrap-around.
    return (images - mean) / std
