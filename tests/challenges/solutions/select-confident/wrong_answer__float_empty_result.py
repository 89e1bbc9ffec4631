import numpy as np


def select_confident(probs, threshold):
    keep = probs.max(axis=1) >= threshold
    if not keep.any():
        return np.array([]), np.array([])
    return np.flatnonzero(keep), probs[keep].argmax(axis=1)
