import numpy as np


def sliding_windows(x, w):
    """All windows of `w` consecutive values of `x`, one per row.

    x: array of shape (n,); w: int with 1 <= w <= n.
    Returns shape (n - w + 1, w) whose row i equals x[i:i + w]. It may be a read-only view.
    """
    raise NotImplementedError
