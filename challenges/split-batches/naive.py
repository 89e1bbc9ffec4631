import numpy as np


def split_batches(x, batch_size):
    """Loop version: walk the rows one by one, collecting them until a batch is full."""
    if batch_size <= 0:
        raise ValueError(f"batch_size must be a positive integer, got {batch_size}")
    x = np.asarray(x)
    batches = []
    current = []
    for i in range(x.shape[0]):
        current.append(x[i])
        if len(current) == batch_size:
            batches.append(np.stack(current))
            current = []
    if current:
        batches.append(np.stack(current))
    return batches
