import numpy as np


def select_confident(probs, threshold):
    idx = np.flatnonzero(probs.max(axis=1) >= threshold)
    return idx, probs.argmax(axis=1)
