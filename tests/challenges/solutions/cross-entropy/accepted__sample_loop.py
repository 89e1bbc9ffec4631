# rubric: vectorization=fail
import numpy as np


def cross_entropy(logits, labels):
    losses = []
    for row, label in zip(logits, labels):
        m = row.max()
        losses.append(m + np.log(np.exp(row - m).sum()) - row[label])
    return float(np.mean(losses))
