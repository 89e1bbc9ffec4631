import math

import numpy as np


def cross_entropy(logits, labels):
    """Loop version: one stable log-sum-exp per sample, accumulated in a Python float."""
    logits = np.asarray(logits, dtype=np.float64)
    n, k = logits.shape
    total = 0.0
    for i in range(n):
        top = logits[i, 0]
        for j in range(1, k):
            if logits[i, j] > top:
                top = logits[i, j]
        acc = 0.0
        for j in range(k):
            acc += math.exp(logits[i, j] - top)
        total += top + math.log(acc) - logits[i, int(labels[i])]
    return total / n
