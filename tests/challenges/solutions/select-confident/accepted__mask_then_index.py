import numpy as np


def select_confident(probs, threshold):
    keep = probs.max(axis=1) >= threshold
    (idx,) = np.nonzero(keep)
    return idx, probs.argmax(axis=1)[keep]
