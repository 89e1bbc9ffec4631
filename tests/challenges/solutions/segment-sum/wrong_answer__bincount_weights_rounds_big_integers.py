import numpy as np


def segment_sum(values, segment_ids, num_segments):
    if len(segment_ids) and (segment_ids.min() < 0 or segment_ids.max() >= num_segments):
        raise ValueError("bad segment id")
    if values.ndim == 1:
        return np.bincount(segment_ids, weights=values, minlength=num_segments)
    return np.stack([np.bincount(segment_ids, weights=values[:, j], minlength=num_segments)
                     for j in range(values.shape[1])], axis=1).reshape(num_segments, values.shape[1])
