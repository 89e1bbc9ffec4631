import numpy as np


def select_confident(probs, threshold):
    """Loop version: scan each row for its largest entry, keep the row if it is confident enough."""
    probs = np.asarray(probs)
    n, k = probs.shape
    idx, cls = [], []
    for i in range(n):
        best = 0
        for j in range(1, k):
            if probs[i, j] > probs[i, best]:
                best = j
        if probs[i, best] >= threshold:
            idx.append(i)
            cls.append(best)
    return np.array(idx, dtype=np.int64), np.array(cls, dtype=np.int64)
