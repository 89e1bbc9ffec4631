# rubric: axis_awareness=fail
import numpy as np


def normalize_channels(images, mean, std):
    # Channels-first habit: (C, 1, 1) lines up with (H, W, C) as if C were the height axis.
    return (images - mean[:, None, None]) / std[:, None, None]
