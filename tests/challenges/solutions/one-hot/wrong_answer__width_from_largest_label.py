import numpy as np


def one_hot(labels, num_classes):
    if len(labels) and (labels.min() < 0 or labels.max() >= num_classes):
        raise ValueError("label out of range")
    width = int(labels.max()) + 1 if len(labels) else num_classes
    out = np.zeros((len(labels), width))
    out[np.arange(len(labels)), labels] = 1.0
    return out
