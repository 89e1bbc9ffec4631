# rubric: vectorization=fail
import numpy as np


def split_batches(x, batch_size):
    if batch_size <= 0:
        raise ValueError("batch_size must be positive")
    batches = []
    for i in range(len(x)):
        if i % batch_size == 0:
            batches.append([])
        batches[-1].append(x[i])
    return [np.array(rows) for rows in batches]
