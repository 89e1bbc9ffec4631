import numpy as np


def moving_average(x, w):
    """Mean of every window of `w` consecutive values of `x`.

    x: float array of shape (n,); w: int with 1 <= w <= n.
    Returns a float array of shape (n - w + 1,) whose entry i is the mean of x[i:i + w].
    """
    raise NotImplementedError
