# rubric: vectorization=fail
import numpy as np


def select_confident(probs, threshold):
    idx, cls = [], []
    for i, row in enumerate(probs):
        if row.max() >= threshold:
            idx.append(i)
            cls.append(int(row.argmax()))
    return np.array(idx, dtype=int), np.array(cls, dtype=int)
