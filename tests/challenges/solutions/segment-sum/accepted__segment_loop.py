# rubric: vectorization=fail
import numpy as np


def segment_sum(values, segment_ids, num_segments):
    if len(segment_ids) and (segment_ids.min() < 0 or segment_ids.max() >= num_segments):
        raise ValueError("bad segment id")
    kind = np.int64 if values.dtype.kind in "iu" else np.float64
    out = np.zeros((num_segments,) + values.shape[1:], dtype=kind)
    for k in range(num_segments):  # one pass over all n values per segment: O(n * num_segments)
        out[k] = values[segment_ids == k].sum(axis=0, dtype=kind)
    return out
