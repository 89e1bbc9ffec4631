import math

import numpy as np


def split_batches(x, batch_size):
    if batch_size <= 0:
        raise ValueError("batch_size must be positive")
    if len(x) == 0:
        return []
    # A number of sections spreads the rows evenly: 10 rows in 3 sections is 4, 3, 3, not 4, 4, 2.
    return np.array_split(x, math.ceil(len(x) / batch_size))
