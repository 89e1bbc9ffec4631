import numpy as np


def split_batches(x, batch_size):
    if batch_size < 1:
        raise ValueError("batch_size must be positive")
    if len(x) == 0:
        return []
    return np.array_split(x, np.arange(batch_size, len(x), batch_size))
