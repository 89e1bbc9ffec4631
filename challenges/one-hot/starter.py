import numpy as np


def one_hot(labels, num_classes):
    """Encode each integer label as a row with a single 1.0 in that label's column.

    labels: int array of shape (n,), each in [0, num_classes).
    Returns a float array of shape (n, num_classes).
    Raises ValueError if any label is negative or >= num_classes.
    """
    raise NotImplementedError
