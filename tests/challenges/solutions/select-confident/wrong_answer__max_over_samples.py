# rubric: axis_awareness=fail
import numpy as np


def select_confident(probs, threshold):
    keep = probs.max(axis=0) >= threshold
    idx = np.flatnonzero(keep)
    return idx, probs.argmax(axis=0)[keep]
