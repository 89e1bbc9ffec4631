import numpy as np


def logistic_loss_grad(w, X, y, l2=0.0):
    """Mean logistic loss of weights w on (X, y) plus (l2 / 2) * w . w, and its gradient.

    w: (d,) weights. X: (n, d) samples. y: (n,) labels in {0, 1}. l2: a float >= 0.
    Returns (loss, grad): a float and a (d,) array.
    """
    raise NotImplementedError
