import numpy as np


def one_hot(labels, num_classes):
    """Loop version: check each label, then set its one entry."""
    labels = np.asarray(labels)
    out = np.zeros((labels.shape[0], num_classes), dtype=np.float64)
    for i in range(labels.shape[0]):
        label = int(labels[i])
        if label < 0 or label >= num_classes:
            raise ValueError(f"label {label} at position {i} is outside [0, {num_classes})")
        out[i, label] = 1.0
    return out
