import numpy as np


def split_batches(x, batch_size):
    """One slice per batch: slices are views, so no data is copied, and the last slice simply runs short."""
    if batch_size <= 0:
        raise ValueError(f"batch_size must be a positive integer, got {batch_size}")
    x = np.asarray(x)
    # The loop runs once per batch, not per row; range() stops before n, so no empty batch trails.
    return [x[start:start + batch_size] for start in range(0, x.shape[0], batch_size)]
