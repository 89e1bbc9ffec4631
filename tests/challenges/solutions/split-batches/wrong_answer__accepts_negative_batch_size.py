import numpy as np


def split_batches(x, batch_size):
    # range() rejects a step of 0 by itself, but a negative step just yields nothing.
    return [x[i:i + batch_size] for i in range(0, len(x), batch_size)]
