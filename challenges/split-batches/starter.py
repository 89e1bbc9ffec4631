import numpy as np


def split_batches(x, batch_size):
    """Cut `x` into consecutive batches of `batch_size` rows along its first axis.

    x: array of shape (n, ...).
    Returns a list of arrays; every batch has batch_size rows except the last, which holds
    the remaining rows. Returns [] when n == 0.
    Raises ValueError if batch_size <= 0.
    """
    raise NotImplementedError
