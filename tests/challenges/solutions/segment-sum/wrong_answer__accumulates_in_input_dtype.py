import numpy as np


def segment_sum(values, segment_ids, num_segments):
    if len(segment_ids) and (segment_ids.min() < 0 or segment_ids.max() >= num_segments):
        raise ValueError("bad segment id")
    out = np.zeros((num_segments,) + values.shape[1:], dtype=values.dtype)  # int8 in, int8 totals
    np.add.at(out, segment_ids, values)
    return out
