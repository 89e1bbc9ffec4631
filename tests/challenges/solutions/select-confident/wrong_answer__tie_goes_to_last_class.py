import numpy as np


def select_confident(probs, threshold):
    k = probs.shape[1]
    # argmax of the reversed rows finds the LAST maximum, not the first.
    last_best = k - 1 - probs[:, ::-1].argmax(axis=1)
    keep = probs.max(axis=1) >= threshold
    return np.flatnonzero(keep), last_best[keep]
