import numpy as np


def segment_sum(values, segment_ids, num_segments):
    """Sum the values (or rows of values) that share a segment id.

    values: (n,) or (n, d) numbers. segment_ids: (n,) ints in [0, num_segments), any order.
    Returns (num_segments,) or (num_segments, d); 0 for a segment with no values.
    Raises ValueError for an id outside [0, num_segments).
    """
    raise NotImplementedError
