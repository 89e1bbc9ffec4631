import numpy as np


def cross_entropy(logits, labels):
    """Mean negative log-likelihood of `labels` under softmax(logits) taken along each row.

    logits: float array (n, k), one row of class scores per sample.
    labels: int array (n,), the true class of each sample, in [0, k).
    Returns a Python float.
    """
    raise NotImplementedError
