# rubric: broadcasting=fail
import numpy as np


def normalize_channels(images, mean, std):
    std_full = np.array(np.broadcast_to(std, images.shape))
    return (images - mean) / std_full
