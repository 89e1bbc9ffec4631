import numpy as np


def normalize_channels(images, mean, std):
    return images - mean / std
