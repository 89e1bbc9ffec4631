import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if labels.size and (labels.min() < 0 or labels.max() >= num_classes):
        raise ValueError("label out of range")
    # Transposed: (num_classes, n) instead of (n, num_classes).
    return (np.arange(num_classes)[:, None] == labels[None, :]).astype(float)
