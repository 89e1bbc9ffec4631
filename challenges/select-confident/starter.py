import numpy as np


def select_confident(probs, threshold):
    """Find the rows whose largest probability is at least `threshold`.

    probs: float array of shape (n, k), one row of class probabilities per sample.
    Returns a tuple (idx, cls) of int arrays: idx holds the selected row indices in
    ascending order, cls the argmax class of each of those rows.
    """
    raise NotImplementedError
