import numpy as np


def roc_auc(y_true, scores):
    """The probability that a random positive scores higher than a random negative (ties count 1/2).

    y_true: (n,) labels, 0/1 integers or booleans. scores: (n,) floats.
    Returns a float. Raises ValueError when either class is absent.
    """
    raise NotImplementedError
