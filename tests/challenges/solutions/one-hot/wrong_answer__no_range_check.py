import numpy as np


def one_hot(labels, num_classes):
    # -1 silently picks the last row of the identity; too-large labels raise IndexError, not ValueError.
    return np.eye(num_classes)[labels]
