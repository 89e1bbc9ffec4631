import numpy as np


def split_batches(x, batch_size):
    if batch_size <= 0:
        raise ValueError("batch_size must be positive")
    full = len(x) // batch_size
    return [x[i * batch_size:(i + 1) * batch_size] for i in range(full)]
