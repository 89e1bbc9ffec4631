import numpy as np


def segment_sum(values, segment_ids, num_segments):
    if len(segment_ids) and not (0 <= segment_ids.min() and segment_ids.max() < num_segments):
        raise ValueError("segment id out of range")
    dtype = np.int64 if np.issubdtype(values.dtype, np.integer) else np.float64
    out = np.zeros((num_segments,) + values.shape[1:], dtype=dtype)
    np.add.at(out, segment_ids, values)
    return out
